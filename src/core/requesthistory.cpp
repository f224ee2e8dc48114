#include "requesthistory.h"

#include "logging.h"
#include "redaction.h"

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

bool credentialHeader(const QByteArray &name, const QByteArray &value)
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

const QStringList &credentialNames()
{
    static const QStringList names{
        QStringLiteral("access_token"),  QStringLiteral("id_token"),
        QStringLiteral("refresh_token"), QStringLiteral("client_secret"),
        QStringLiteral("api_key"),       QStringLiteral("apikey"),
        QStringLiteral("password"),
    };
    return names;
}

bool isCredentialQueryItem(const QString &name)
{
    return credentialNames().contains(QUrl::fromPercentEncoding(name.toUtf8()).trimmed().toLower());
}

// Cuts out every redacted value, every secret the application holds (the
// Client Secret), and anything shaped like a JWT (the form of Gloo's access
// tokens), which a user may have pasted anywhere.
QString scrub(QString text, const QList<QByteArray> &redactions)
{
    for (const QByteArray &value : redactions) {
        if (value.size() >= 8)
            text.replace(QString::fromUtf8(value), redacted);
    }
    text = SecretRegistry::replaceRegistered(text, redacted);
    // Every token starts with "eyJ": a plain search for it rules most texts
    // out far faster than the expression, which matters for a long history.
    if (!text.contains(QLatin1String("eyJ")))
        return text;
    static const QRegularExpression jwt(
        QStringLiteral("eyJ[A-Za-z0-9_-]{4,}\\.eyJ[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]*"));
    text.replace(jwt, redacted);
    return text;
}

// A form body's credential fields ("client_secret=..."), and in JSON the
// string values of fields with such names.
QString scrubBody(const QString &body, const QList<QByteArray> &redactions)
{
    QString result = body;
    const QString trimmed = body.trimmed();
    if (trimmed.startsWith(QLatin1Char('{')) || trimmed.startsWith(QLatin1Char('['))) {
        static const QRegularExpression field(QStringLiteral(
                                                  "(\"(%1)\"\\s*:\\s*)\"(?:[^\"\\\\]|\\\\.)*\"")
                                                  .arg(credentialNames().join(QLatin1Char('|'))),
                                              QRegularExpression::CaseInsensitiveOption);
        result.replace(field, QStringLiteral("\\1\"%1\"").arg(redacted));
    } else if (trimmed.contains(QLatin1Char('=')) && !trimmed.contains(QLatin1Char('\n'))) {
        QStringList pairs = trimmed.split(QLatin1Char('&'));
        bool changed = false;
        for (QString &pair : pairs) {
            const qsizetype equals = pair.indexOf(QLatin1Char('='));
            if (equals > 0 && isCredentialQueryItem(pair.left(equals))) {
                pair = pair.left(equals + 1) + redacted;
                changed = true;
            }
        }
        if (changed)
            result = pairs.join(QLatin1Char('&'));
    }
    return scrub(result, redactions);
}

QString scrubTarget(const QString &target, const QList<QByteArray> &redactions)
{
    QString result = target;
    // A password in the address ("http://me:pw@host/") is left out; the user
    // name stays, as it names the account the request went to.
    if (target.contains(QLatin1Char('@'))) {
        QUrl url(target);
        if (url.isValid() && !url.password().isEmpty()) {
            url.setPassword(QString());
            result = url.toString(QUrl::FullyEncoded);
        }
    }
    const qsizetype mark = result.indexOf(QLatin1Char('?'));
    if (mark >= 0) {
        QUrlQuery query(result.mid(mark + 1));
        const auto items = query.queryItems(QUrl::FullyEncoded);
        QUrlQuery clean;
        for (const auto &item : items)
            clean.addQueryItem(item.first,
                               isCredentialQueryItem(item.first) ? redacted : item.second);
        result = result.left(mark + 1) + clean.toString(QUrl::FullyEncoded);
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
        {QStringLiteral("builtInSandbox"), builtInSandbox},
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
    request.builtInSandbox = object.value(QStringLiteral("builtInSandbox")).toBool(false);
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
    m_history.setSource(load(historyFile));
    m_saved.setSource(load(savedFile));
}

QString RequestHistory::defaultFolder()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
}

bool RequestHistory::isCredentialHeader(const QByteArray &name, const QByteArray &value)
{
    return credentialHeader(name, value);
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
        if (!credentialHeader(header.first, header.second))
            clean.headers.append(
                {header.first, scrub(QString::fromUtf8(header.second), redactions).toUtf8()});
    }
    clean.target = scrubTarget(request.target, redactions);
    clean.url = scrubTarget(request.url, redactions);
    if (request.body.size() > maxBodyBytes()) {
        clean.body.clear();
        clean.bodyOmitted = true;
    } else {
        clean.body = scrubBody(request.body, redactions);
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
    QList<StoredRequest> &history = m_history.all();
    history.prepend(entry);
    while (history.size() > maxEntries())
        history.removeLast();
    write(historyFile, history);
    emit historyChanged();
}

void RequestHistory::clearHistory()
{
    m_history.all().clear();
    write(historyFile, {});
    emit historyChanged();
}

void RequestHistory::removeFromHistory(const QString &id)
{
    QList<StoredRequest> &history = m_history.all();
    history.removeIf([&id](const StoredRequest &entry) { return entry.id == id; });
    write(historyFile, history);
    emit historyChanged();
}

void RequestHistory::save(const QString &name, const StoredRequest &request)
{
    StoredRequest entry = withoutSecrets(request, m_redactions);
    entry.name = name.trimmed();
    entry.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    bool replaced = false;
    QList<StoredRequest> &saved = m_saved.all();
    for (StoredRequest &existing : saved) {
        if (existing.name == entry.name) {
            entry.id = existing.id;
            existing = entry;
            replaced = true;
        }
    }
    if (!replaced)
        saved.append(entry);
    write(savedFile, saved);
    emit savedChanged();
}

void RequestHistory::removeSaved(const QString &id)
{
    QList<StoredRequest> &saved = m_saved.all();
    saved.removeIf([&id](const StoredRequest &entry) { return entry.id == id; });
    write(savedFile, saved);
    emit savedChanged();
}

QJsonArray RequestHistory::load(const QString &fileName) const
{
    QFile file(QDir(m_folder).filePath(fileName));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll())
        .object()
        .value(QStringLiteral("requests"))
        .toArray();
}

void StoredRequestList::setSource(const QJsonArray &entries)
{
    m_source = entries;
    m_rows.clear();
    m_built.clear();
    m_isBuilt.clear();
    const QString id = QStringLiteral("id");
    const QString method = QStringLiteral("method");
    for (qsizetype i = 0; i < entries.size(); ++i) {
        const QJsonObject object = entries.at(i).toObject();
        if (!object.value(id).toString().isEmpty() && !object.value(method).toString().isEmpty())
            m_rows.append(i);
    }
    m_built.resize(m_rows.size());
    m_isBuilt.resize(m_rows.size(), false);
    m_allBuilt = m_rows.isEmpty();
}

qsizetype StoredRequestList::size() const
{
    return m_allBuilt ? m_built.size() : m_rows.size();
}

StoredRequest StoredRequestList::at(qsizetype row) const
{
    if (!m_allBuilt && !m_isBuilt.at(row)) {
        // A file edited by hand is cleaned as well before anything of it is
        // shown.
        m_built[row] = RequestHistory::withoutSecrets(
            StoredRequest::fromJson(m_source.at(m_rows.at(row)).toObject()));
        m_isBuilt[row] = true;
    }
    return m_built.at(row);
}

void StoredRequestList::buildAll() const
{
    if (m_allBuilt)
        return;
    for (qsizetype row = 0; row < m_rows.size(); ++row)
        at(row);
    m_allBuilt = true;
    m_source = {};
    m_rows.clear();
    m_isBuilt.clear();
}

QList<StoredRequest> &StoredRequestList::all()
{
    buildAll();
    return m_built;
}

const QList<StoredRequest> &StoredRequestList::all() const
{
    buildAll();
    return m_built;
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
