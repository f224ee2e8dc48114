#include "apiclient.h"

#include "backoff.h"
#include "logging.h"
#include "tokenmanager.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSslConfiguration>
#include <QSslError>

namespace gloo {

namespace {

bool isAuthorizationHeader(const QByteArray &name)
{
    return name.compare("authorization", Qt::CaseInsensitive) == 0;
}

} // namespace

QByteArray ApiResponse::header(const QByteArray &name) const
{
    for (const auto &header : headers) {
        if (header.first.compare(name, Qt::CaseInsensitive) == 0)
            return header.second;
    }
    return {};
}

QString httpReasonPhrase(int status)
{
    switch (status) {
    case 200: return QStringLiteral("OK");
    case 201: return QStringLiteral("Created");
    case 202: return QStringLiteral("Accepted");
    case 204: return QStringLiteral("No Content");
    case 301: return QStringLiteral("Moved Permanently");
    case 302: return QStringLiteral("Found");
    case 304: return QStringLiteral("Not Modified");
    case 307: return QStringLiteral("Temporary Redirect");
    case 308: return QStringLiteral("Permanent Redirect");
    case 400: return QStringLiteral("Bad Request");
    case 401: return QStringLiteral("Unauthorized");
    case 403: return QStringLiteral("Forbidden");
    case 404: return QStringLiteral("Not Found");
    case 405: return QStringLiteral("Method Not Allowed");
    case 408: return QStringLiteral("Request Timeout");
    case 409: return QStringLiteral("Conflict");
    case 413: return QStringLiteral("Payload Too Large");
    case 415: return QStringLiteral("Unsupported Media Type");
    case 422: return QStringLiteral("Unprocessable Entity");
    case 429: return QStringLiteral("Too Many Requests");
    case 500: return QStringLiteral("Internal Server Error");
    case 502: return QStringLiteral("Bad Gateway");
    case 503: return QStringLiteral("Service Unavailable");
    case 504: return QStringLiteral("Gateway Timeout");
    default: return {};
    }
}

// ---------------------------------------------------------------------------

ApiClient::ApiClient(QNetworkAccessManager *network, TokenManager *tokens, QObject *parent)
    : QObject(parent)
    , m_network(network)
    , m_tokens(tokens)
{
}

ApiCall *ApiClient::send(const ApiRequest &request)
{
    auto *call = new ApiCall(this, request);
    // Started from the event loop so that callers can connect to finished()
    // even when the call fails at once.
    QMetaObject::invokeMethod(
        call, [call] { call->start(); }, Qt::QueuedConnection);
    return call;
}

QByteArray ApiClient::maskedAuthorization(const QByteArray &token)
{
    return QByteArrayLiteral("Bearer •••••• (fingerprint ") + tokenFingerprint(token).toLatin1()
           + ')';
}

QNetworkRequest ApiClient::buildRequest(const QUrl &url, const ApiRequest &request,
                                        const AccessToken *token) const
{
    QNetworkRequest networkRequest(url);
    networkRequest.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                                QNetworkRequest::ManualRedirectPolicy);
    networkRequest.setAttribute(QNetworkRequest::CacheLoadControlAttribute,
                                QNetworkRequest::AlwaysNetwork);
    networkRequest.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);

    bool hasContentType = false;
    bool hasAccept = false;
    for (const auto &header : request.headers) {
        // The caller's own Authorization is sent only when no token is attached.
        if (isAuthorizationHeader(header.first) && (token || request.authorize))
            continue;
        hasContentType |= header.first.compare("content-type", Qt::CaseInsensitive) == 0;
        hasAccept |= header.first.compare("accept", Qt::CaseInsensitive) == 0;
        networkRequest.setRawHeader(header.first, header.second);
    }
    if (!hasAccept)
        networkRequest.setRawHeader("Accept", "application/json");
    if (!hasContentType && !request.body.isEmpty())
        networkRequest.setRawHeader("Content-Type", "application/json");

    // The one place where an access token is attached to a request.
    if (token)
        networkRequest.setRawHeader("Authorization", QByteArrayLiteral("Bearer ") + token->value);
    return networkRequest;
}

// ---------------------------------------------------------------------------

ApiCall::ApiCall(ApiClient *client, const ApiRequest &request)
    : QObject(client)
    , m_client(client)
    , m_request(request)
{
    m_response.method = request.method.toUpper();
    m_timeout.setSingleShot(true);
    connect(&m_timeout, &QTimer::timeout, this, [this] {
        if (m_reply) {
            m_timedOut = true;
            m_reply->abort();
        }
    });
    m_idleTimeout.setSingleShot(true);
    connect(&m_idleTimeout, &QTimer::timeout, this, [this] {
        if (m_reply) {
            m_idleTimedOut = true;
            m_reply->abort();
        }
    });
}

void ApiCall::start()
{
    if (m_finished)
        return;

    TokenManager *tokens = m_client->tokenManager();
    m_response.url = tokens->environment().resolve(m_request.target);
    if (!m_response.url.isValid() || m_response.url.host().isEmpty()) {
        Failure failure = Failure::make(Failure::Kind::InvalidRequest,
                                        m_response.url.errorString());
        const Environment environment = tokens->environment();
        if (environment.kind == Environment::Kind::Sandbox && environment.baseUrl.isEmpty()
            && m_request.target.startsWith(QLatin1Char('/'))) {
            // The path is fine; there is no server to send it to.
            failure.message = tr("The built-in sandbox is not running, so there is nowhere to "
                                 "send the request.");
            failure.nextStep = tr("Pick the sandbox profile again to see why it could not "
                                  "start, or pick another environment.");
        } else {
            failure.message = tr("\"%1\" is not a valid address.").arg(m_request.target);
            failure.nextStep = tr("Enter a path such as /ai/v2/chat/completions or a full "
                                  "https:// address.");
        }
        finish(failure);
        return;
    }
    if (!isTransportAllowed(m_response.url)) {
        finish(Failure::make(Failure::Kind::InsecureTransport, m_response.url.toString()));
        return;
    }
    // The token is only ever sent to the server it was issued for.
    if (m_request.authorize && !tokens->environment().isSameServer(m_response.url)) {
        finish(Failure::make(
            Failure::Kind::OtherServer,
            tr("%1 is not %2").arg(m_response.url.host(), tokens->environment().baseUrl.host())));
        return;
    }

    if (m_request.authorize)
        acquireToken();
    else
        dispatch();
}

void ApiCall::acquireToken()
{
    TokenManager *tokens = m_client->tokenManager();
    if (tokens->hasUsableToken() && !tokens->isExchangeInFlight()) {
        dispatch();
        return;
    }

    m_tokenWait = connect(tokens, &TokenManager::exchangeFinished, this,
                          [this](const Failure &failure) {
                              disconnect(m_tokenWait);
                              if (failure.isFailure())
                                  finish(failure);
                              else
                                  dispatch();
                          });
    tokens->requestToken(m_response.replayed ? TokenManager::Reason::Rejected
                                             : TokenManager::Reason::FirstUse);
}

void ApiCall::dispatch()
{
    if (m_finished)
        return;

    TokenManager *tokens = m_client->tokenManager();
    const AccessToken *token = m_request.authorize ? &tokens->token() : nullptr;
    if (token && token->isNull()) {
        finish(Failure::make(Failure::Kind::Unauthorized, tr("No access token is available.")));
        return;
    }
    m_sentToken = token ? token->value : QByteArray();

    const QNetworkRequest request = m_client->buildRequest(m_response.url, m_request, token);
    m_response.sentHeaders.clear();
    for (const QByteArray &name : request.rawHeaderList()) {
        QByteArray value = request.rawHeader(name);
        if (isAuthorizationHeader(name))
            value = m_sentToken.isEmpty() ? QByteArrayLiteral("•••••• (the caller's own value)")
                                          : ApiClient::maskedAuthorization(m_sentToken);
        m_response.sentHeaders.append({name, value});
    }

    qCInfo(lcNet) << "sending" << m_response.method
                  << m_response.url.toString(QUrl::RemoveUserInfo | QUrl::RemoveQuery)
                  << (m_response.replayed ? "(replay after 401)" : "");

    m_tlsFailure = {};
    m_timedOut = false;
    m_idleTimedOut = false;
    m_receivedAny = false;
    m_elapsed.start();
    m_response.sent = true;
    m_reply = m_client->m_network->sendCustomRequest(request, m_response.method, m_request.body);
    QNetworkReply *reply = m_reply;
    // The errors are never ignored: the reply then fails before the request,
    // which may hold a token, is sent.
    connect(reply, &QNetworkReply::sslErrors, this, [this, reply](const QList<QSslError> &errors) {
        m_tlsFailure = Failure::fromSslErrors(errors, reply->url(),
                                              reply->sslConfiguration().peerCertificateChain());
        qCWarning(lcNet) << "certificate of" << reply->url().host()
                         << "refused:" << Failure::tlsCauseName(m_tlsFailure.tlsCause);
    });
    // Connected before the streamed body is read, so that the silence is
    // counted from the arrival of the bytes, not from the end of reading them.
    connect(reply, &QNetworkReply::readyRead, this, &ApiCall::noteActivity);
    if (m_request.streamBody)
        connect(reply, &QNetworkReply::readyRead, this, [this, reply] { readStreamedBody(reply); });
    m_response.firstByteMs = -1;
    connect(reply, &QNetworkReply::metaDataChanged, this, [this] {
        noteActivity();
        if (m_response.firstByteMs < 0)
            m_response.firstByteMs = m_elapsed.elapsed();
    });
    connect(reply, &QNetworkReply::finished, this, [this, reply] { handleReply(reply); });
    if (m_request.timeoutMs > 0)
        m_timeout.start(m_request.timeoutMs);
    if (m_request.idleTimeoutMs > 0)
        m_idleTimeout.start(m_request.idleTimeoutMs);
}

void ApiCall::noteActivity()
{
    m_receivedAny = true;
    if (m_idleTimeout.isActive())
        m_idleTimeout.start(m_request.idleTimeoutMs);
}

void ApiCall::handleReply(QNetworkReply *reply)
{
    reply->deleteLater();
    if (reply != m_reply)
        return;
    m_reply.clear();
    m_timeout.stop();
    m_idleTimeout.stop();

    m_response.elapsedMs = m_elapsed.elapsed();
    m_response.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    m_response.reason = reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString();
    if (m_response.reason.isEmpty())
        m_response.reason = httpReasonPhrase(m_response.status);
    m_response.headers = reply->rawHeaderPairs();
    // An aborted reply (timed out) is closed: nothing more to read.
    if (reply->isOpen()) {
        if (m_request.streamBody && m_response.isHttpSuccess())
            readStreamedBody(reply);
        else
            m_response.body += reply->readAll();
    }

    if (m_timedOut) {
        finish(Failure::timedOut(m_request.timeoutMs, m_response.url));
        return;
    }
    if (m_idleTimedOut) {
        const QString seconds = QString::number(m_request.idleTimeoutMs / 1000.0, 'g', 3);
        Failure failure = Failure::make(
            Failure::Kind::Timeout,
            tr("Nothing arrived for %1 seconds (idle timeout).").arg(seconds));
        failure.message =
            m_receivedAny
                ? tr("The server stopped sending: nothing arrived for %1 seconds.").arg(seconds)
                : tr("The server did not start answering within %1 seconds.").arg(seconds);
        failure.httpStatus = m_response.status;
        if (isLoopbackHost(m_response.url.host()))
            failure.nextStep = Failure::localServerNextStep(false);
        finish(failure);
        return;
    }
    if (m_response.status == 0) {
        if (m_tlsFailure.isFailure())
            finish(m_tlsFailure);
        else
            finish(Failure::fromNetworkError(reply->error(), reply->errorString()));
        return;
    }

    // Network-level errors (codes below 100) after the status line arrived
    // mean the body was cut off, for example a stream that broke mid-answer.
    if (reply->error() != QNetworkReply::NoError && reply->error() < 100) {
        Failure failure = Failure::fromNetworkError(reply->error(), reply->errorString());
        failure.kind = Failure::Kind::Network;
        failure.message = tr("The connection broke off before the whole answer arrived.");
        failure.nextStep = tr("What arrived is shown. Check the connection and try again.");
        failure.httpStatus = m_response.status;
        finish(failure);
        return;
    }

    qCInfo(lcNet) << "answer" << m_response.status << "for" << m_response.method
                  << m_response.url.path() << "in" << m_response.elapsedMs << "ms";

    if (m_response.status == 401 && m_request.authorize && !m_response.replayed) {
        m_client->tokenManager()->invalidate(m_sentToken);
        m_response.replayed = true;
        m_response.body.clear();
        acquireToken();
        return;
    }

    if (m_response.isHttpSuccess()) {
        finish(Failure());
        return;
    }
    if (m_response.status >= 300 && m_response.status < 400) {
        Failure failure = Failure::make(
            Failure::Kind::UnexpectedResponse,
            tr("Location: %1").arg(QString::fromUtf8(m_response.header("Location"))),
            m_response.status);
        failure.message = tr("The server answered with a redirect. Gloo Console does not follow "
                             "redirects, so that your token never goes where you did not send "
                             "it.");
        failure.nextStep = tr("Send the request to the address the server names, if you trust "
                              "it.");
        finish(failure);
        return;
    }
    const int retryAfterMs = parseRetryAfter(m_response.header("Retry-After"),
                                             QDateTime::currentDateTimeUtc());
    // A token request sent from the console is explained as the token
    // exchange's own answers are: about the Client ID and Secret it carried.
    const bool tokenEndpoint =
        m_response.url.path().endsWith(QLatin1String("/oauth2/token"))
        || m_response.url.adjusted(QUrl::RemoveQuery | QUrl::RemoveFragment)
               == m_client->tokenManager()->environment().tokenUrl().adjusted(
                   QUrl::RemoveQuery | QUrl::RemoveFragment);
    Failure failure = tokenEndpoint ? Failure::fromTokenEndpoint(m_response.status, m_response.body,
                                                                 m_response.header("Content-Type"),
                                                                 retryAfterMs)
                                    : Failure::fromApiResponse(m_response.status, m_response.body,
                                                               failureContext(), retryAfterMs);
    if (!tokenEndpoint && failure.kind == Failure::Kind::Unauthorized && !m_request.authorize) {
        // Nothing was fetched or sent: the request went out without a token.
        failure.message = tr("The server wants an access token, and this request was sent "
                             "without one.");
        failure.nextStep = tr("Send it with the access token (in the request console, tick "
                              "Authorization in the Headers tab).");
    }
    finish(failure);
}

void ApiCall::readStreamedBody(QNetworkReply *reply)
{
    // Only a successful answer is streamed; an error body is read whole so
    // that it can be explained.
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status < 200 || status >= 300)
        return;
    const QByteArray chunk = reply->readAll();
    if (chunk.isEmpty())
        return;
    // Growing the body piece by piece copies it again and again; with the
    // announced length it is copied once, which keeps a large download from
    // holding up the event loop. A length past the cap is not believed: a
    // server could announce hundreds of megabytes and send a few bytes, and
    // a larger body simply grows as it comes.
    constexpr qint64 maxReservedBytes = 64 * 1024 * 1024;
    const qint64 announced = reply->header(QNetworkRequest::ContentLengthHeader).toLongLong();
    if (m_response.body.isEmpty() && announced > chunk.size() && announced <= maxReservedBytes)
        m_response.body.reserve(announced);
    m_response.body += chunk;
    emit bodyReceived(chunk);
}

FailureContext ApiCall::failureContext() const
{
    FailureContext context;
    context.endpoint = m_response.method + QLatin1Char(' ') + m_response.url.path();
    const QJsonObject body = QJsonDocument::fromJson(m_request.body).object();
    context.model = body.value(QLatin1String("model")).toString();
    const QJsonValue maxTokens = body.value(QLatin1String("max_tokens"));
    if (maxTokens.isDouble())
        context.maxTokens = maxTokens.toInt();
    return context;
}

void ApiCall::cancel(const QString &reason)
{
    if (m_finished)
        return;
    disconnect(m_tokenWait);
    if (m_reply) {
        QNetworkReply *reply = m_reply;
        m_reply.clear();
        reply->abort();
        reply->deleteLater();
    }
    Failure cancelled = Failure::make(Failure::Kind::Cancelled);
    if (!reason.isEmpty())
        cancelled.message = reason;
    finish(cancelled);
}

void ApiCall::finish(const Failure &failure)
{
    if (m_finished)
        return;
    m_finished = true;
    m_timeout.stop();
    m_idleTimeout.stop();
    // A request cancelled or failed on the way still took its time.
    if (m_response.sent && m_response.elapsedMs == 0)
        m_response.elapsedMs = m_elapsed.elapsed();
    m_response.failure = failure;
    if (m_response.failure.isFailure() && m_response.failure.context.endpoint.isEmpty()) {
        const FailureContext context = failureContext();
        m_response.failure.context.endpoint = context.endpoint;
        m_response.failure.context.model = context.model;
        m_response.failure.context.maxTokens = context.maxTokens;
    }
    m_sentToken.fill('\0');
    m_sentToken.clear();
    emit finished();
}

} // namespace gloo
