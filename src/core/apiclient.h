#pragma once

#include "failure.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QPair>
#include <QPointer>
#include <QTimer>
#include <QUrl>

class QNetworkAccessManager;
class QNetworkReply;
class QNetworkRequest;

namespace gloo {

class ApiClient;
class TokenManager;
struct AccessToken;

using HeaderList = QList<QPair<QByteArray, QByteArray>>;

struct ApiRequest
{
    QByteArray method = QByteArrayLiteral("POST");
    // A path relative to the environment's base URL, or an absolute URL.
    QString target;
    HeaderList headers;
    QByteArray body;
    // Whether to send the access token. The public model catalog needs none.
    bool authorize = true;
    // Deliver a successful answer's body piece by piece as it arrives
    // (ApiCall::bodyReceived), for server-sent events. The whole body is
    // still collected in the response.
    bool streamBody = false;
    // The longest the whole request may take; 0 for no limit.
    int timeoutMs = 120 * 1000;
    // The longest silence allowed: the request fails when no byte arrives
    // for this long, the first one included. Every byte received starts the
    // count again, so a stream may last as long as it keeps coming. 0 for
    // no limit.
    int idleTimeoutMs = 0;
};

struct ApiResponse
{
    QByteArray method;
    QUrl url;
    // What was sent, with the Authorization value masked.
    HeaderList sentHeaders;

    int status = 0;
    QString reason;
    HeaderList headers;
    QByteArray body;
    qint64 elapsedMs = 0;
    // Time until the status line and headers arrived, or -1.
    qint64 firstByteMs = -1;
    // True when the first attempt got a 401 and the request was sent again
    // with a fresh token.
    bool replayed = false;
    // False when the request never left: refused before sending (another
    // server, an insecure address) or cancelled while it waited for a token.
    bool sent = false;
    // Set for transport failures and for non-2xx answers, so every view can
    // explain them the same way.
    Failure failure;

    bool isHttpSuccess() const { return status >= 200 && status < 300; }
    QByteArray header(const QByteArray &name) const;
};

// A request in progress. Emits finished() exactly once.
class ApiCall : public QObject
{
    Q_OBJECT

public:
    const ApiRequest &request() const { return m_request; }
    const ApiResponse &response() const { return m_response; }
    bool isFinished() const { return m_finished; }
    // Stops the call; it finishes as cancelled, with 'reason' as the
    // failure's message when given.
    void cancel(const QString &reason = {});

signals:
    // With ApiRequest::streamBody: the next piece of a 2xx answer's body.
    void bodyReceived(const QByteArray &chunk);
    void finished();

private:
    friend class ApiClient;
    ApiCall(ApiClient *client, const ApiRequest &request);

    void start();
    void acquireToken();
    void dispatch();
    void handleReply(QNetworkReply *reply);
    void readStreamedBody(QNetworkReply *reply);
    void noteActivity();
    void finish(const Failure &failure);
    FailureContext failureContext() const;

    ApiClient *m_client;
    ApiRequest m_request;
    ApiResponse m_response;
    QPointer<QNetworkReply> m_reply;
    QMetaObject::Connection m_tokenWait;
    QByteArray m_sentToken;
    QElapsedTimer m_elapsed;
    QTimer m_timeout;
    QTimer m_idleTimeout;
    Failure m_tlsFailure;
    bool m_timedOut = false;
    bool m_idleTimedOut = false;
    bool m_receivedAny = false;
    bool m_finished = false;
};

// Sends every API request. It is the only place that adds the Authorization
// header, and on a 401 it renews the token and replays the request once.
class ApiClient : public QObject
{
    Q_OBJECT

public:
    ApiClient(QNetworkAccessManager *network, TokenManager *tokens, QObject *parent = nullptr);

    // The call is owned by the client; delete it (deleteLater) when done.
    ApiCall *send(const ApiRequest &request);

    TokenManager *tokenManager() const { return m_tokens; }

    // "Bearer •••••• (fingerprint 1a2b3c4d)": enough to recognise a token,
    // never enough to use it.
    static QByteArray maskedAuthorization(const QByteArray &token);

private:
    friend class ApiCall;
    QNetworkRequest buildRequest(const QUrl &url, const ApiRequest &request,
                                 const AccessToken *token) const;

    QNetworkAccessManager *m_network;
    TokenManager *m_tokens;
};

QString httpReasonPhrase(int status);

} // namespace gloo
