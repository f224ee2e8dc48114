#include "tokenmanager.h"

#include "logging.h"
#include "redaction.h"

#include <QMetaEnum>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSslConfiguration>
#include <QSslError>

#include <algorithm>

namespace gloo {

namespace {

constexpr int kDefaultRequestTimeoutMs = 30000;
// Timers are capped so that a long wait is re-checked against the wall clock
// now and then; this is what lets the schedule survive sleep and clock jumps.
constexpr qint64 kMaxTimerIntervalMs = 60 * 1000;

int timerInterval(qint64 milliseconds)
{
    return static_cast<int>(std::clamp<qint64>(milliseconds, 0, kMaxTimerIntervalMs));
}

} // namespace

TokenManager::TokenManager(QNetworkAccessManager *network, QObject *parent)
    : QObject(parent)
    , m_network(network)
    , m_clock([] { return QDateTime::currentDateTimeUtc(); })
{
    m_renewalTimer.setSingleShot(true);
    m_stateTimer.setSingleShot(true);
    m_timeoutTimer.setSingleShot(true);
    m_timeoutTimer.setInterval(kDefaultRequestTimeoutMs);
    m_retryTimer.setSingleShot(true);

    connect(&m_renewalTimer, &QTimer::timeout, this, &TokenManager::onRenewalTimer);
    connect(&m_stateTimer, &QTimer::timeout, this, [this] {
        refreshState();
        scheduleTimers();
    });
    connect(&m_retryTimer, &QTimer::timeout, this, &TokenManager::startAttempt);
    connect(&m_timeoutTimer, &QTimer::timeout, this, [this] {
        if (m_reply) {
            m_timedOut = true;
            m_reply->abort();
        }
    });
}

TokenManager::~TokenManager()
{
    abortExchange();
    SecretRegistry::remove(QString::fromLatin1(m_token.value));
    SecretRegistry::remove(m_credentials.clientSecret);
    m_token.wipe();
    m_credentials.wipe();
}

void TokenManager::setCredentials(const ClientCredentials &credentials)
{
    if (credentials == m_credentials)
        return;
    clear();
    SecretRegistry::remove(m_credentials.clientSecret);
    const QString previousId = m_credentials.clientId;
    m_credentials = credentials;
    SecretRegistry::add(m_credentials.clientSecret);
    if (!previousId.isEmpty() && previousId != m_credentials.clientId)
        emit clientIdChanged(m_credentials.clientId);
}

void TokenManager::setEnvironment(const Environment &environment)
{
    if (environment.kind == m_environment.kind && environment.baseUrl == m_environment.baseUrl
        && environment.tokenUrlOverride == m_environment.tokenUrlOverride
        && environment.scope() == m_environment.scope()) {
        return;
    }
    clear();
    m_environment = environment;
    emit environmentChanged(m_environment);
}

bool TokenManager::hasCredentials() const
{
    return m_credentials.isComplete();
}

QString TokenManager::clientId() const
{
    return m_credentials.clientId;
}

Environment TokenManager::environment() const
{
    return m_environment;
}

TokenManager::State TokenManager::state() const
{
    return m_state;
}

QString TokenManager::stateName(State state)
{
    switch (state) {
    case State::None: return QStringLiteral("none");
    case State::Requesting: return QStringLiteral("requesting");
    case State::Valid: return QStringLiteral("valid");
    case State::Expiring: return QStringLiteral("expiring");
    case State::Refreshing: return QStringLiteral("refreshing");
    case State::Expired: return QStringLiteral("expired");
    case State::Failed: return QStringLiteral("failed");
    }
    return {};
}

const AccessToken &TokenManager::token() const
{
    return m_token;
}

Failure TokenManager::lastFailure() const
{
    return m_lastFailure;
}

QString TokenManager::expiryNote() const
{
    return m_expiryNote;
}

qint64 TokenManager::secondsRemaining() const
{
    if (m_token.isNull())
        return 0;
    return qMax<qint64>(0, now().secsTo(m_token.expiresAt));
}

bool TokenManager::isExchangeInFlight() const
{
    return m_exchangeActive;
}

bool TokenManager::hasUsableToken() const
{
    if (m_token.isNull())
        return false;
    const qint64 margin = renewalMarginSeconds(m_token.lifetimeSeconds());
    return now().secsTo(m_token.expiresAt) > margin;
}

qint64 TokenManager::renewalMarginSeconds(qint64 lifetimeSeconds)
{
    return std::clamp<qint64>(lifetimeSeconds / 4, 1, 60);
}

qint64 TokenManager::expiringThresholdSeconds(qint64 lifetimeSeconds)
{
    return std::clamp<qint64>(lifetimeSeconds / 2, 1, 300);
}

void TokenManager::setClock(Clock clock)
{
    m_clock = std::move(clock);
    refreshState();
    scheduleTimers();
}

void TokenManager::setRequestTimeout(int milliseconds)
{
    m_timeoutTimer.setInterval(milliseconds);
}

QDateTime TokenManager::now() const
{
    return m_clock();
}

void TokenManager::requestToken(Reason reason)
{
    if (m_exchangeActive)
        return;

    m_exchangeActive = true;
    m_reason = reason;
    m_retry = 0;
    qCInfo(lcAuth).noquote() << "token requested, reason"
                             << QMetaEnum::fromType<Reason>().valueToKey(int(reason));
    emit exchangeStarted(reason);
    startAttempt();
}

void TokenManager::startAttempt()
{
    m_timedOut = false;
    m_tooLarge = false;
    m_tlsFailure = {};

    if (!m_credentials.isComplete()) {
        Failure failure = Failure::make(Failure::Kind::MissingCredentials);
        if (m_credentials.clientId.trimmed().isEmpty() && !m_credentials.clientSecret.isEmpty())
            failure.message = tr("The Client ID is empty.");
        else if (!m_credentials.clientId.trimmed().isEmpty())
            failure.message = tr("The Client Secret is empty.");
        if (m_environment.kind == Environment::Kind::Sandbox)
            failure.nextStep = tr("Press Use demo credentials to fill in the sandbox's.");
        finishExchange(failure);
        return;
    }
    const QString environmentProblem = m_environment.validate();
    if (!environmentProblem.isEmpty()) {
        const bool insecure = !m_environment.baseUrl.isEmpty()
                              && (!isTransportAllowed(m_environment.baseUrl)
                                  || !isTransportAllowed(m_environment.tokenUrl()));
        Failure failure = Failure::make(insecure ? Failure::Kind::InsecureTransport
                                                 : Failure::Kind::InvalidRequest,
                                        m_environment.baseUrl.toString());
        failure.message = environmentProblem;
        if (!insecure)
            failure.nextStep = tr("Correct the profile's base URL, token URL or scope.");
        finishExchange(failure);
        return;
    }

    const QUrl url = m_environment.tokenUrl();
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader,
                      QByteArrayLiteral("application/x-www-form-urlencoded"));
    request.setRawHeader("Accept", "application/json");
    request.setRawHeader("Authorization", basicAuthorization(m_credentials));
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute,
                         QNetworkRequest::AlwaysNetwork);
    request.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);

    // The scope is percent-encoded except for '/', so Gloo's own scope goes
    // out exactly as its documentation spells it.
    const QString scope = m_environment.scope();
    qCDebug(lcAuth) << "posting to" << url.toString(QUrl::RemoveUserInfo) << "with scope" << scope
                    << "attempt" << m_retry + 1;
    m_reply = m_network->post(request, QByteArrayLiteral("grant_type=client_credentials&scope=")
                                           + QUrl::toPercentEncoding(scope, "/"));
    QNetworkReply *reply = m_reply;
    connect(reply, &QNetworkReply::downloadProgress, this, [this, reply](qint64 received, qint64) {
        if (received > kMaxTokenResponseBytes && reply == m_reply) {
            m_tooLarge = true;
            reply->abort();
        }
    });
    // The errors are never ignored: the reply then fails before the request,
    // which holds the credentials, is sent.
    connect(reply, &QNetworkReply::sslErrors, this, [this, reply](const QList<QSslError> &errors) {
        m_tlsFailure = Failure::fromSslErrors(errors, reply->url(),
                                              reply->sslConfiguration().peerCertificateChain());
        qCWarning(lcAuth) << "certificate of" << reply->url().host()
                          << "refused:" << Failure::tlsCauseName(m_tlsFailure.tlsCause);
    });
    connect(reply, &QNetworkReply::finished, this, [this, reply] { handleReply(reply); });
    m_timeoutTimer.start();
    refreshState();
}

Failure TokenManager::failureFromReply(QNetworkReply *reply, int status, const QByteArray &body)
{
    if (m_tooLarge) {
        return Failure::make(
            Failure::Kind::UnexpectedResponse,
            tr("The answer was larger than %1 KiB.").arg(kMaxTokenResponseBytes / 1024));
    }
    if (m_timedOut) {
        // The token request's timeout is fixed: no advice to lengthen it.
        return Failure::timedOut(m_timeoutTimer.interval(), reply->url(), false);
    }
    if (status == 0) {
        if (m_tlsFailure.isFailure())
            return m_tlsFailure;
        return Failure::fromNetworkError(reply->error(), reply->errorString());
    }
    if (status >= 300 && status < 400) {
        Failure failure = Failure::make(Failure::Kind::UnexpectedResponse,
                                        tr("HTTP status %1, Location: %2")
                                            .arg(status)
                                            .arg(QString::fromUtf8(reply->rawHeader("Location"))),
                                        status);
        failure.message = tr("The token server answered with a redirect. Your credentials are "
                             "never sent on to another address.");
        failure.nextStep = tr("Check the base URL: it may need https:// or a different host.");
        return failure;
    }
    const int retryAfterMs = parseRetryAfter(reply->rawHeader("Retry-After"), now());
    const QByteArray contentType = reply->header(QNetworkRequest::ContentTypeHeader).toByteArray();
    return Failure::fromTokenEndpoint(status, body, contentType, retryAfterMs);
}

void TokenManager::handleReply(QNetworkReply *reply)
{
    reply->deleteLater();
    if (reply != m_reply)
        return;
    m_reply.clear();
    m_timeoutTimer.stop();

    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    // An aborted reply (too large, timed out) is closed: nothing to read.
    const QByteArray body = m_tooLarge || !reply->isOpen() ? QByteArray() : reply->readAll();
    if (m_tooLarge || m_timedOut || status < 200 || status >= 300) {
        retryOrFail(failureFromReply(reply, status, body));
        return;
    }

    TokenParseResult parsed = parseTokenResponse(body, now());
    if (!parsed.problem.isEmpty()) {
        retryOrFail(Failure::unreadableToken(
            status, body, reply->header(QNetworkRequest::ContentTypeHeader).toByteArray(),
            parsed.problem));
        return;
    }

    const bool wasRenewal = !m_token.isNull();
    SecretRegistry::remove(QString::fromLatin1(m_token.value));
    m_token.wipe();
    m_token = parsed.token;
    SecretRegistry::add(QString::fromLatin1(m_token.value));
    m_expiryNote = parsed.expiryNote;
    m_lastFailure = {};
    m_exchangeActive = false;
    parsed.token.wipe();

    qCInfo(lcAuth) << "token issued, fingerprint" << m_token.fingerprint() << "lifetime"
                   << m_token.lifetimeSeconds() << "s" << (wasRenewal ? "(renewal)" : "");
    if (!m_expiryNote.isEmpty())
        qCInfo(lcAuth) << "expiry note:" << m_expiryNote;

    scheduleTimers();
    refreshState();
    emit tokenIssued(m_token.fingerprint(), m_token.expiresAt, m_reason);
    emit exchangeFinished(Failure());
}

void TokenManager::retryOrFail(const Failure &failure)
{
    const bool transient = failure.kind == Failure::Kind::Network
                           || failure.kind == Failure::Kind::Timeout
                           || failure.kind == Failure::Kind::ConnectionRefused
                           || failure.kind == Failure::Kind::ServerError
                           || failure.kind == Failure::Kind::RateLimited;
    const int retry = m_retry + 1;
    if (!transient || !m_backoff.allows(retry, failure.retryAfterMs)) {
        finishExchange(failure);
        return;
    }

    m_retry = retry;
    const int delay = m_backoff.delayMs(retry, failure.retryAfterMs);
    qCInfo(lcAuth) << "token request failed:" << Failure::kindName(failure.kind) << "status"
                   << failure.httpStatus << "- retry" << retry << "in" << delay << "ms";
    emit retryScheduled(retry, delay, failure);
    m_retryTimer.start(delay);
}

void TokenManager::finishExchange(const Failure &failure)
{
    m_lastFailure = failure;
    m_exchangeActive = false;
    qCWarning(lcAuth) << "token request failed:" << Failure::kindName(failure.kind) << "status"
                      << failure.httpStatus << "after" << m_retry + 1 << "attempt(s)";

    scheduleTimers();
    refreshState();
    emit exchangeFailed(failure);
    emit exchangeFinished(failure);
}

void TokenManager::onRenewalTimer()
{
    if (m_token.isNull())
        return;
    if (hasUsableToken()) {
        // Fired early (the wall clock moved back) or this was an intermediate
        // wake-up of a long wait: look again later.
        scheduleTimers();
        return;
    }
    qCInfo(lcAuth) << "renewing token, fingerprint" << m_token.fingerprint() << "seconds left"
                   << secondsRemaining();
    requestToken(Reason::Scheduled);
}

void TokenManager::scheduleTimers()
{
    m_renewalTimer.stop();
    m_stateTimer.stop();
    if (m_token.isNull())
        return;

    const QDateTime current = now();
    const qint64 lifetime = m_token.lifetimeSeconds();
    QDateTime renewAt = m_token.expiresAt.addSecs(-renewalMarginSeconds(lifetime));
    if (m_lastFailure.isFailure()) {
        // The last renewal failed while this token is still valid: try again
        // later if that can help, without hammering the server.
        renewAt = m_lastFailure.canRetry() ? qMax(renewAt, current.addMSecs(kRenewalRetryMs))
                                           : QDateTime();
    }
    if (!m_exchangeActive && renewAt.isValid() && renewAt < m_token.expiresAt) {
        m_renewalTimer.start(timerInterval(current.msecsTo(renewAt)));
        qCDebug(lcAuth) << "renewal scheduled at" << renewAt.toString(Qt::ISODate);
    }

    // Wake up at the next visible change of state: entering "expiring", then
    // reaching the expiry.
    const QDateTime expiringAt = m_token.expiresAt.addSecs(-expiringThresholdSeconds(lifetime));
    const QDateTime nextChange = current < expiringAt ? expiringAt : m_token.expiresAt;
    if (current < m_token.expiresAt)
        m_stateTimer.start(timerInterval(current.msecsTo(nextChange) + 1));
}

void TokenManager::refreshState()
{
    State state;
    const QDateTime current = now();
    if (!m_token.isNull()) {
        const qint64 remaining = current.secsTo(m_token.expiresAt);
        if (m_exchangeActive)
            state = State::Refreshing;
        else if (current >= m_token.expiresAt)
            // An expired token whose renewal failed: the failure is the news.
            state = m_lastFailure.isFailure() ? State::Failed : State::Expired;
        else if (remaining <= expiringThresholdSeconds(m_token.lifetimeSeconds()))
            state = State::Expiring;
        else
            state = State::Valid;
    } else if (m_exchangeActive) {
        state = State::Requesting;
    } else if (m_lastFailure.isFailure()) {
        state = State::Failed;
    } else {
        state = State::None;
    }

    if (state == m_state)
        return;
    m_state = state;
    qCDebug(lcAuth) << "token state" << stateName(state);
    emit stateChanged(state);
}

void TokenManager::invalidate(const QByteArray &rejectedToken)
{
    if (m_token.isNull() || m_token.value != rejectedToken)
        return;
    const QString fingerprint = m_token.fingerprint();
    qCInfo(lcAuth) << "token rejected by the server, fingerprint" << fingerprint;
    SecretRegistry::remove(QString::fromLatin1(m_token.value));
    m_token.wipe();
    m_expiryNote.clear();
    scheduleTimers();
    refreshState();
    emit tokenRejected(fingerprint);
}

void TokenManager::cancelExchange()
{
    if (!m_exchangeActive)
        return;
    abortExchange();
    Failure stopped = Failure::make(Failure::Kind::Cancelled);
    stopped.message = tr("You stopped the token request.");
    stopped.nextStep = tr("Press Get token to try again.");
    finishExchange(stopped);
}

void TokenManager::abortExchange()
{
    m_retryTimer.stop();
    m_exchangeActive = false;
    if (!m_reply)
        return;
    QNetworkReply *reply = m_reply;
    m_reply.clear();
    m_timeoutTimer.stop();
    reply->abort();
    reply->deleteLater();
}

void TokenManager::clear()
{
    const bool hadExchange = m_exchangeActive;
    const bool hadToken = !m_token.isNull();
    abortExchange();
    SecretRegistry::remove(QString::fromLatin1(m_token.value));
    m_token.wipe();
    m_expiryNote.clear();
    m_lastFailure = {};
    scheduleTimers();
    refreshState();

    if (hadToken) {
        qCInfo(lcAuth) << "token cleared";
        emit tokenCleared();
    }
    if (hadExchange) {
        // Whoever waits for this exchange must not wait forever.
        Failure cancelled = Failure::make(Failure::Kind::Cancelled);
        cancelled.message = tr("The request was stopped because the credentials or the "
                               "environment changed.");
        emit exchangeFailed(cancelled);
        emit exchangeFinished(cancelled);
    }
}

} // namespace gloo
