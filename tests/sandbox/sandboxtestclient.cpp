#include "sandboxtestclient.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QNetworkProxy>
#include <QNetworkRequest>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>

#include <memory>

QByteArray HttpResult::header(const QByteArray &name) const
{
    for (const auto &pair : headers) {
        if (pair.first.compare(name, Qt::CaseInsensitive) == 0)
            return pair.second;
    }
    return {};
}

QJsonObject HttpResult::error() const
{
    return json.value(QStringLiteral("error")).toObject();
}

QList<QByteArray> sseData(const QByteArray &body)
{
    QList<QByteArray> events;
    const QList<QByteArray> blocks = body.split('\n');
    for (const QByteArray &line : blocks) {
        if (line.startsWith("data: "))
            events.append(line.mid(6));
    }
    return events;
}

QString streamedContent(const QList<QByteArray> &events)
{
    QString content;
    for (const QByteArray &event : events) {
        const QJsonArray choices =
            QJsonDocument::fromJson(event).object().value(QStringLiteral("choices")).toArray();
        for (const QJsonValue &choice : choices) {
            content += choice.toObject()
                           .value(QStringLiteral("delta"))
                           .toObject()
                           .value(QStringLiteral("content"))
                           .toString();
        }
    }
    return content;
}

SandboxTestClient::SandboxTestClient(const QUrl &base)
    : m_base(base)
{
    // Nothing in the environment may route loopback traffic through a proxy.
    m_network.setProxy(QNetworkProxy::NoProxy);
}

void SandboxTestClient::setBase(const QUrl &base)
{
    m_base = base;
}

QUrl SandboxTestClient::url(const QString &pathAndQuery) const
{
    return m_base.resolved(QUrl(pathAndQuery));
}

HttpResult SandboxTestClient::send(const QByteArray &verb, const QString &path,
                                   const Headers &headers, const QByteArray &body)
{
    QNetworkRequest request(url(path));
    for (const auto &header : headers)
        request.setRawHeader(header.first, header.second);

    QElapsedTimer clock;
    clock.start();
    std::unique_ptr<QNetworkReply> reply(m_network.sendCustomRequest(request, verb, body));
    QSignalSpy finished(reply.get(), &QNetworkReply::finished);

    HttpResult result;
    result.finished = finished.wait(20000);
    result.elapsedMs = clock.elapsed();
    result.networkError = reply->error();
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.body = reply->readAll();
    result.json = QJsonDocument::fromJson(result.body).object();
    result.headers = reply->rawHeaderPairs();
    return result;
}

HttpResult SandboxTestClient::requestToken(const QByteArray &authorization)
{
    return send("POST", QStringLiteral("/oauth2/token"),
                {{"Content-Type", "application/x-www-form-urlencoded"},
                 {"Authorization", authorization}},
                "grant_type=client_credentials&scope=api/access");
}

QByteArray SandboxTestClient::accessToken(const QByteArray &authorization)
{
    const HttpResult result = requestToken(authorization);
    return result.json.value(QStringLiteral("access_token")).toString().toLatin1();
}

HttpResult SandboxTestClient::post(const QString &path, const QByteArray &accessToken,
                                   const QByteArray &body)
{
    Headers headers{{"Content-Type", "application/json"}};
    if (!accessToken.isEmpty())
        headers.append({"Authorization", "Bearer " + accessToken});
    return send("POST", path, headers, body);
}

HttpResult SandboxTestClient::get(const QString &pathAndQuery, const QByteArray &accessToken)
{
    Headers headers;
    if (!accessToken.isEmpty())
        headers.append({"Authorization", "Bearer " + accessToken});
    return send("GET", pathAndQuery, headers);
}

QByteArray SandboxTestClient::rawExchange(const QByteArray &request, bool *closed,
                                          int timeoutMs) const
{
    QTcpSocket socket;
    socket.setProxy(QNetworkProxy::NoProxy);
    socket.connectToHost(m_base.host(), quint16(m_base.port()));
    *closed = false;
    if (!socket.waitForConnected(5000))
        return {};
    socket.write(request);

    QByteArray received;
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < timeoutMs) {
        if (socket.state() != QAbstractSocket::ConnectedState) {
            *closed = true;
            break;
        }
        socket.waitForReadyRead(50);
        received += socket.readAll();
    }
    return received + socket.readAll();
}

QByteArray basicAuthorization(const QString &clientId, const QString &clientSecret)
{
    return "Basic " + QByteArray(clientId.toUtf8() + ':' + clientSecret.toUtf8()).toBase64();
}

QByteArray chatBody(const QByteArray &fields, const QString &question)
{
    const QJsonArray messages{QJsonObject{{QStringLiteral("role"), QStringLiteral("user")},
                                          {QStringLiteral("content"), question}}};
    QByteArray body = "{\"messages\":" + QJsonDocument(messages).toJson(QJsonDocument::Compact);
    if (!fields.isEmpty())
        body += ',' + fields;
    return body + '}';
}

QString sandboxAnswer(const QString &question)
{
    return QStringLiteral("Sandbox reply to: \"%1\". This answer comes from the Gloo Console "
                          "sandbox on your computer, so no model read your message. Use the "
                          "Production environment to talk to Gloo AI.")
        .arg(question);
}
