#pragma once

#include "accesstoken.h"
#include "backoff.h"
#include "clientcredentials.h"
#include "environment.h"
#include "failure.h"

#include <QDateTime>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <functional>

class QNetworkAccessManager;
class QNetworkReply;

namespace gloo {

// The one owner of the access token for a set of client credentials. It runs
// the client-credentials exchange, keeps the token in memory only, publishes
// the token's state as signals and renews it shortly before it expires.
//
// Any number of callers may ask for a token while an exchange is running:
// they all wait for that one exchange (exchangeFinished).
class TokenManager : public QObject
{
    Q_OBJECT

public:
    enum class State {
        None,       // no token and nothing has failed yet
        Requesting, // first exchange running, no token yet
        Valid,
        Expiring,   // valid, but close to its expiry
        Refreshing, // a valid or expired token is being renewed
        Expired,    // expired, and nothing has failed since it was issued
        Failed,     // the last exchange failed and no token is usable
    };
    Q_ENUM(State)

    enum class Reason { FirstUse, Scheduled, Rejected, Manual };
    Q_ENUM(Reason)

    using Clock = std::function<QDateTime()>;

    explicit TokenManager(QNetworkAccessManager *network, QObject *parent = nullptr);
    ~TokenManager() override;

    // Changing the credentials or the environment wipes the current token and
    // cancels an exchange in flight: a token never outlives what it was
    // issued for.
    void setCredentials(const ClientCredentials &credentials);
    void setEnvironment(const Environment &environment);
    bool hasCredentials() const;
    QString clientId() const;
    // For keeping the secret out of what is shown or exported, never for
    // showing it.
    QString clientSecret() const { return m_credentials.clientSecret; }
    Environment environment() const;

    State state() const;
    static QString stateName(State state);
    const AccessToken &token() const;
    Failure lastFailure() const;
    QString expiryNote() const;
    qint64 secondsRemaining() const;
    bool isExchangeInFlight() const;

    // True when the token can be sent now without renewing it first.
    bool hasUsableToken() const;

    // Starts an exchange unless one is already running. Transient failures
    // (connection problems, timeouts, 5xx, 429) are retried with backoff
    // before the exchange is reported as failed; permanent ones are not.
    void requestToken(Reason reason = Reason::Manual);

    // The server rejected this token (HTTP 401): forget it so the next
    // request fetches a new one. A token that has already been replaced is
    // left alone.
    void invalidate(const QByteArray &rejectedToken);

    // Wipes the token from memory and cancels an exchange in flight.
    void clear();
    // Stops an exchange in progress, with its retries: it ends as a failure
    // the user chose (Kind::Cancelled). Requests waiting for it end too.
    void cancelExchange();

    // Seconds before expiry at which the token is renewed: 60, shortened for
    // short lifetimes so that even a 30-second token renews before use.
    static qint64 renewalMarginSeconds(qint64 lifetimeSeconds);
    // Seconds before expiry from which the token is shown as expiring.
    static qint64 expiringThresholdSeconds(qint64 lifetimeSeconds);

    void setClock(Clock clock);
    void setRequestTimeout(int milliseconds);
    Backoff &backoff() { return m_backoff; }

    // How long to wait before trying a scheduled renewal again after it
    // failed while the current token is still valid.
    static constexpr int kRenewalRetryMs = 30 * 1000;

signals:
    void stateChanged(gloo::TokenManager::State state);
    void exchangeStarted(gloo::TokenManager::Reason reason);
    void tokenIssued(const QString &fingerprint, const QDateTime &expiresAt,
                     gloo::TokenManager::Reason reason);
    void exchangeFailed(const gloo::Failure &failure);
    // A transient failure will be retried after delayMs; 'retry' counts from 1.
    void retryScheduled(int retry, int delayMs, const gloo::Failure &failure);
    // The server refused this token (HTTP 401); it has been forgotten.
    void tokenRejected(const QString &fingerprint);
    // Emitted once per exchange, after tokenIssued or exchangeFailed; the
    // failure is empty when a token was issued.
    void exchangeFinished(const gloo::Failure &failure);
    void tokenCleared();
    void environmentChanged(const gloo::Environment &environment);
    // Another account on the same or another server: a new Client ID
    // replaced one that was set.
    void clientIdChanged(const QString &clientId);

private:
    void startAttempt();
    void handleReply(QNetworkReply *reply);
    Failure failureFromReply(QNetworkReply *reply, int status, const QByteArray &body);
    void retryOrFail(const Failure &failure);
    void finishExchange(const Failure &failure);
    void scheduleTimers();
    void onRenewalTimer();
    void refreshState();
    void abortExchange();
    QDateTime now() const;

    QNetworkAccessManager *m_network;
    ClientCredentials m_credentials;
    Environment m_environment;
    AccessToken m_token;
    Failure m_lastFailure;
    QString m_expiryNote;
    State m_state = State::None;
    Reason m_reason = Reason::Manual;

    QPointer<QNetworkReply> m_reply;
    // True from requestToken() until the exchange ends, across retries.
    bool m_exchangeActive = false;
    int m_retry = 0;
    bool m_timedOut = false;
    bool m_tooLarge = false;
    Failure m_tlsFailure;

    QTimer m_renewalTimer;
    QTimer m_stateTimer;
    QTimer m_timeoutTimer;
    QTimer m_retryTimer;
    Backoff m_backoff;
    Clock m_clock;
};

} // namespace gloo
