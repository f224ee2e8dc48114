#include "searchendpoint.h"

#include "fieldreader.h"
#include "sandboxlogging.h"
#include "sandboxsources.h"

#include <QHttpServerRequest>
#include <QJsonArray>

namespace gloo::sandbox {

namespace {

const QString onlyCollection = QStringLiteral("GlooProd");
constexpr double defaultCertainty = 0.75;
constexpr int defaultLimit = 10;
constexpr int maxLimit = 100;

// The ladder: candidate i has a certainty of (98 - 3 i) hundredths, so the
// default certainty of 0.75 lets the first eight through.
constexpr int candidates = 20;
constexpr int topCertaintyPercent = 98;
constexpr int certaintyStepPercent = 3;

QJsonObject result(const QString &query, const QString &tenant, int index, double certainty)
{
    static const QStringList types{QStringLiteral("Article"), QStringLiteral("Book"),
                                   QStringLiteral("Video"), QStringLiteral("Podcast")};
    const int number = index + 1;

    // Weaviate's relation for cosine distance: certainty = 1 - distance / 2.
    const QJsonObject metadata{
        {QStringLiteral("distance"), 2 * (1 - certainty)},
        {QStringLiteral("certainty"), certainty},
    };
    const QJsonObject properties{
        {QStringLiteral("item_title"),
         QStringLiteral("Sandbox result %1 for \"%2\"").arg(number).arg(query.simplified())},
        {QStringLiteral("snippet"),
         QStringLiteral("A passage the sandbox made up; it matches no real document.")},
        {QStringLiteral("publisher"),
         tenant.isEmpty() ? QStringLiteral("Gloo Sandbox Library") : tenant},
        {QStringLiteral("type"), types.at(index % types.size())},
    };
    return QJsonObject{
        {QStringLiteral("uuid"), stableUuid(query + QLatin1Char('#') + QString::number(index))},
        {QStringLiteral("metadata"), metadata},
        {QStringLiteral("properties"), properties},
        {QStringLiteral("collection"), onlyCollection},
    };
}

} // namespace

SandboxReply answerSearchRequest(const QHttpServerRequest &request)
{
    FieldReader fields(request.body());
    const QString query = fields.requiredText(QStringLiteral("query"));
    const QString collection = fields.text(QStringLiteral("collection"), onlyCollection);
    const QString tenant = fields.text(QStringLiteral("tenant"));
    const double certainty = fields.number(QStringLiteral("certainty"), 0, 1, defaultCertainty);
    const int limit = fields.wholeNumber(QStringLiteral("limit"), 1, maxLimit, defaultLimit);
    if (!fields.ok())
        return invalidRequest(fields.error());
    if (collection != onlyCollection) {
        return invalidRequest(QStringLiteral("Unknown collection \"%1\"; the sandbox offers "
                                             "only GlooProd.")
                                  .arg(collection));
    }

    QJsonArray data;
    for (int i = 0; i < candidates && data.size() < limit; ++i) {
        const int percent = topCertaintyPercent - certaintyStepPercent * i;
        // Compared in hundredths, so that 0.75 admits a candidate of exactly 75.
        if (percent < certainty * 100 - 1e-9)
            break;
        data.append(result(query, tenant, i, percent / 100.0));
    }

    const QString intent = query.trimmed().endsWith(QLatin1Char('?')) ? QStringLiteral("question")
                                                                      : QStringLiteral("topic");
    qCInfo(lcSandbox) << "search answered with" << data.size() << "results";
    return jsonReply(
        QJsonObject{{QStringLiteral("data"), data}, {QStringLiteral("intent"), intent}});
}

} // namespace gloo::sandbox
