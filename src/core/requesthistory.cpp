#include "requesthistory.h"

#include "logging.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSaveFile>
#include <QStandardPaths>
#include <QUrlQuery>
#include <QUuid>

namespace gloo {

namespace {

const QString historyFile = QStringLiteral("console-history.json");
const QString savedFile = QStringLiteral("console-saved-requests.json");
const QString redacted = QStringLiteral("<redacted>");

bool isCredentialHeader(const QByteArray &name, const QByteArray &value)
{
    static const QList<QByteArray> names{"authorization", "proxy-authorization", "cookie",
                                         "x-api-key", "api-key"};
    const QByteArray lower = name.trimmed().toLower();
    if (names.contains(lower))
        return true;
    // A credential under another header name still looks like one.
    const QByteArray start = value.trimmed().left(7).toLower();
    return start.startsWith("bearer ") || start.startsWith("basic ");
}

bool isCredentialQueryItem(const QString &name)
{
    static const QStringList names{QStringLiteral("access_token"), QStringLiteral("id_token"),
                                   QStringLiteral("client_secret"), QStringLiteral("api_key")};
    return names.contains(name.toLower());
}

// Cuts out every redacted value and anything shaped like a JWT (the form of
// Gloo's access tokens), which a user may have pasted into a body.
QString scrub(QString text, const QList<QByteArray> &redactions)
{
    for (const QByteArray &value : redactions) {
        if (value.size() >= 8)
            text.replace(QString::fromUtf8(value), redacted);
    }
    static const QRegularExpression jwt(
        QStringLiteral("eyJ[A-Za-z0-9_-]{4,}\\.eyJ[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]*"));
    text.replace(jwt, redacted);
    return text;
}

QString scrubTarget(const QString &target, const QList<QByteArray> &redactions)
{
    const qsizetype mark = target.indexOf(QLatin1Char('?'));
    QString result = target;
    if (mark >= 0) {
        QUrlQuery query(target.mid(mark + 1));
        const auto items = query.queryItems(QUrl::FullyEncoded);
        QUrlQuery clean;
        for (const auto &item : items)
            clean.addQueryItem(item.first,
                               isCredentialQueryItem(item.first) ? redacted : item.second);
        result = target.left(mark + 1) + clean.toString(QUrl::FullyEncoded);
    }
    return scrub(result, redactions);
}

} // namespace

QJsonObject StoredRequest::toJson() const
{
    QJsonArray headerArray;
    for (const auto &header : headers)
        headerArray.append(
            QJsonArray{QString::fromLatin1(header.first), QString::fromUtf8(header.second)});
    QJsonObject object{
        {QStringLiteral("id"), id},
        {QStringLiteral("sentAt"), sentAt.toUTC().toString(Qt::ISODateWithMs)},
        {QStringLiteral("method"), QString::fromLatin1(method)},
        {QStringLiteral("target"), target},
        {QStringLiteral("url"), url},
        {QStringLiteral("headers"), headerArray},
        {QStringLiteral("sendsToken"), sendsToken},
        {QStringLiteral("body"), body},
        {QStringLiteral("timeoutMs"), timeoutMs},
        {QStringLiteral("status"), status},
        {QStringLiteral("durationMs"), durationMs},
    };
    if (!name.isEmpty())
        object.insert(QStringLiteral("name"), name);
    if (bodyOmitted)
        object.insert(QStringLiteral("bodyOmitted"), true);
    return object;
}

StoredRequest StoredRequest::fromJson(const QJsonObject &object)
{
    StoredRequest request;
    request.id = object.value(QStringLiteral("id")).toString();
    request.name = object.value(QStringLiteral("name")).toString();
    request.sentAt = QDateTime::fromString(object.value(QStringLiteral("sentAt")).toString(),
                                           Qt::ISODateWithMs);
    request.method = object.value(QStringLiteral("method")).toString().toLatin1();
    request.target = object.value(QStringLiteral("target")).toString();
    request.url = object.value(QStringLiteral("url")).toString();
    const QJsonArray headerArray = object.value(QStringLiteral("headers")).toArray();
    for (const QJsonValue &header : headerArray) {
        const QJsonArray pair = header.toArray();
        if (pair.size() == 2)
            request.headers.append(
                {pair.at(0).toString().toLatin1(), pair.at(1).toString().toUtf8()});
    }
    request.sendsToken = object.value(QStringLiteral("sendsToken")).toBool(true);
    request.body = object.value(QStringLiteral("body")).toString();
    request.bodyOmitted = object.value(QStringLiteral("bodyOmitted")).toBool();
    request.timeoutMs = object.value(QStringLiteral("timeoutMs")).toInt(120 * 1000);
    request.status = object.value(QStringLiteral("status")).toInt();
    request.durationMs = object.value(QStringLiteral("durationMs")).toInteger(-1);
    return request;
}

RequestHistory::RequestHistory(const QString &folder, QObject *parent)
    : QObject(parent)
    , m_folder(folder)
{
    m_history = load(historyFile);
    m_saved = load(savedFile);
}

QString RequestHistory::defaultFolder()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
}

void RequestHistory::setRedactions(const QList<QByteArray> &values)
{
    m_redactions = values;
}

StoredRequest RequestHistory::withoutSecrets(const StoredRequest &request,
                                             const QList<QByteArray> &redactions)
{
    StoredRequest clean = request;
    clean.headers.clear();
    for (const auto &header : request.headers) {
        if (!isCredentialHeader(header.first, header.second))
            clean.headers.append(
                {header.first, scrub(QString::fromUtf8(header.second), redactions).toUtf8()});
    }
    clean.target = scrubTarget(request.target, redactions);
    clean.url = scrubTarget(request.url, redactions);
    if (request.body.size() > maxBodyBytes()) {
        clean.body.clear();
        clean.bodyOmitted = true;
    } else {
        clean.body = scrub(request.body, redactions);
    }
    clean.name = scrub(request.name, redactions);
    return clean;
}

void RequestHistory::record(const StoredRequest &request)
{
    StoredRequest entry = withoutSecrets(request, m_redactions);
    if (entry.id.isEmpty())
        entry.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    entry.name.clear();
    m_history.prepend(entry);
    while (m_history.size() > maxEntries())
        m_history.removeLast();
    write(historyFile, m_history);
    emit historyChanged();
}

void RequestHistory::clearHistory()
{
    m_history.clear();
    write(historyFile, m_history);
    emit historyChanged();
}

void RequestHistory::removeFromHistory(const QString &id)
{
    m_history.removeIf([&id](const StoredRequest &entry) { return entry.id == id; });
    write(historyFile, m_history);
    emit historyChanged();
}

void RequestHistory::save(const QString &name, const StoredRequest &request)
{
    StoredRequest entry = withoutSecrets(request, m_redactions);
    entry.name = name.trimmed();
    entry.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    bool replaced = false;
    for (StoredRequest &existing : m_saved) {
        if (existing.name == entry.name) {
            entry.id = existing.id;
            existing = entry;
            replaced = true;
        }
    }
    if (!replaced)
        m_saved.append(entry);
    write(savedFile, m_saved);
    emit savedChanged();
}

void RequestHistory::removeSaved(const QString &id)
{
    m_saved.removeIf([&id](const StoredRequest &entry) { return entry.id == id; });
    write(savedFile, m_saved);
    emit savedChanged();
}

QList<StoredRequest> RequestHistory::load(const QString &fileName) const
{
    QFile file(QDir(m_folder).filePath(fileName));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QJsonArray array = QJsonDocument::fromJson(file.readAll())
                                 .object()
                                 .value(QStringLiteral("requests"))
                                 .toArray();
    QList<StoredRequest> requests;
    for (const QJsonValue &value : array) {
        const StoredRequest request = StoredRequest::fromJson(value.toObject());
        // A damaged entry is dropped, not the whole file; and a file edited
        // by hand is cleaned as well before it is shown.
        if (!request.id.isEmpty() && !request.method.isEmpty())
            requests.append(withoutSecrets(request));
    }
    return requests;
}

void RequestHistory::write(const QString &fileName, const QList<StoredRequest> &requests)
{
    m_error.clear();
    if (!QDir().mkpath(m_folder)) {
        m_error = tr("Could not create the folder %1.").arg(m_folder);
        qCWarning(lcNet) << "request history folder cannot be created";
        return;
    }
    QJsonArray array;
    for (const StoredRequest &request : requests)
        array.append(request.toJson());
    const QJsonObject document{{QStringLiteral("version"), 1}, {QStringLiteral("requests"), array}};

    QSaveFile file(QDir(m_folder).filePath(fileName));
    if (!file.open(QIODevice::WriteOnly)) {
        m_error = file.errorString();
        qCWarning(lcNet) << "request history cannot be written:" << m_error;
        return;
    }
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    file.write(QJsonDocument(document).toJson(QJsonDocument::Indented));
    if (!file.commit()) {
        m_error = file.errorString();
        qCWarning(lcNet) << "request history cannot be written:" << m_error;
    }
}

} // namespace gloo
