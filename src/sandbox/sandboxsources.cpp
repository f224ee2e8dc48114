#include "sandboxsources.h"

#include <QJsonObject>
#include <QUuid>

namespace gloo::sandbox {

namespace {

// Drawn once at random; fixed so that the UUIDs stay stable across releases.
const QUuid sandboxNamespace(QStringLiteral("{6f1d2c0e-7a43-4d8b-9b5e-2f0c4a9d1e37}"));

// Titles quote the question, cut so that a long one stays readable.
constexpr qsizetype maxQuotedCharacters = 60;

QString quoted(const QString &question)
{
    QString text = question.simplified();
    if (text.size() > maxQuotedCharacters) {
        qsizetype cut = maxQuotedCharacters;
        if (text.at(cut - 1).isHighSurrogate())
            --cut;
        text = text.first(cut) + QStringLiteral("...");
    }
    return text;
}

} // namespace

QJsonArray sandboxSources(const QString &question, int count, const QStringList &publishers)
{
    QJsonArray sources;
    for (int i = 0; i < count; ++i) {
        const int number = i + 1;
        const QString publisher = publishers.isEmpty() ? QStringLiteral("Gloo Sandbox Library")
                                                       : publishers.at(i % publishers.size());
        sources.append(QJsonObject{
            {QStringLiteral("id"), stableUuid(question + QLatin1Char('#') + QString::number(i))},
            {QStringLiteral("title"),
             QStringLiteral("Sandbox source %1 on \"%2\"").arg(number).arg(quoted(question))},
            {QStringLiteral("publisher"), publisher},
            {QStringLiteral("url"),
             QStringLiteral("https://sources.sandbox.invalid/%1").arg(number)},
            {QStringLiteral("snippet"),
             QStringLiteral("A passage the sandbox made up for this question; no library was "
                            "searched.")},
        });
    }
    return sources;
}

QString stableUuid(const QString &text)
{
    return QUuid::createUuidV5(sandboxNamespace, text).toString(QUuid::WithoutBraces);
}

} // namespace gloo::sandbox
