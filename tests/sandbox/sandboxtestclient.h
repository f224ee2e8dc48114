#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPair>
#include <QString>
#include <QUrl>

// What one HTTP exchange with the sandbox gave.
struct HttpResult
{
    bool finished = false;
    QNetworkReply::NetworkError networkError = QNetworkReply::NoError;
    int status = 0;
    QByteArray body;
    QJsonObject json;
    QList<QNetworkReply::RawHeaderPair> headers;
    qint64 elapsedMs = 0;

    QByteArray header(const QByteArray &name) const;
    QJsonObject error() const;
};

// The events of a server-sent event stream: the data of each "data:" line.
QList<QByteArray> sseData(const QByteArray &body);

// The text of all "delta.content" pieces of a chat completion stream.
QString streamedContent(const QList<QByteArray> &events);

// A client for the sandbox under test that never goes through a proxy.
class SandboxTestClient
{
public:
    using Headers = QList<QPair<QByteArray, QByteArray>>;

    explicit SandboxTestClient(const QUrl &base);

    void setBase(const QUrl &base);
    QUrl url(const QString &pathAndQuery) const;

    HttpResult send(const QByteArray &verb, const QString &path, const Headers &headers = {},
                    const QByteArray &body = {});
    HttpResult requestToken(const QByteArray &authorization);
    QByteArray accessToken(const QByteArray &authorization);

    // A JSON POST with "Authorization: Bearer <accessToken>" when one is given.
    HttpResult post(const QString &path, const QByteArray &accessToken, const QByteArray &body);
    HttpResult get(const QString &pathAndQuery, const QByteArray &accessToken);

    // The raw bytes a plain TCP client receives for `request` until the
    // server closes the connection or `timeoutMs` pass; `closed` tells which.
    QByteArray rawExchange(const QByteArray &request, bool *closed, int timeoutMs = 5000) const;

private:
    QUrl m_base;
    QNetworkAccessManager m_network;
};

QByteArray basicAuthorization(const QString &clientId, const QString &clientSecret);

// {"messages":[{"role":"user","content": question}], <fields>}
QByteArray chatBody(const QByteArray &fields, const QString &question = QStringLiteral("Hi"));

// The documented answer of the sandbox to a short question.
QString sandboxAnswer(const QString &question);
