#include "autheventlog.h"

#include "tokenmanager.h"

namespace gloo {

namespace {

QString reasonText(TokenManager::Reason reason)
{
    switch (reason) {
    case TokenManager::Reason::FirstUse: return AuthEventLog::tr("needed for a request");
    case TokenManager::Reason::Scheduled: return AuthEventLog::tr("renewal before expiry");
    case TokenManager::Reason::Rejected:
        return AuthEventLog::tr("the server refused the old token");
    case TokenManager::Reason::Manual: return AuthEventLog::tr("asked for");
    }
    return {};
}

} // namespace

AuthEventLog::AuthEventLog(TokenManager *tokens, QObject *parent)
    : QObject(parent)
    , m_tokens(tokens)
{
    connect(tokens, &TokenManager::exchangeStarted, this, [this](TokenManager::Reason reason) {
        AuthEvent event;
        event.type = AuthEvent::Type::Requested;
        event.text = tr("Token requested (%1)").arg(reasonText(reason));
        add(event);
    });
    connect(tokens, &TokenManager::tokenIssued, this,
            [this](const QString &fingerprint, const QDateTime &expiresAt,
                   TokenManager::Reason reason) {
                AuthEvent event;
                event.fingerprint = fingerprint;
                const QString expiry = expiresAt.toLocalTime().toString(QStringLiteral("HH:mm:ss"));
                if (reason == TokenManager::Reason::Scheduled) {
                    event.type = AuthEvent::Type::Renewed;
                    event.text =
                        tr("Token renewed before expiry: %1, expires %2").arg(fingerprint, expiry);
                } else if (reason == TokenManager::Reason::Rejected) {
                    event.type = AuthEvent::Type::Renewed;
                    event.text =
                        tr("Token renewed after a 401: %1, expires %2").arg(fingerprint, expiry);
                } else {
                    event.type = AuthEvent::Type::Issued;
                    event.text = tr("Token issued: %1, expires %2").arg(fingerprint, expiry);
                }
                add(event);
            });
    connect(tokens, &TokenManager::retryScheduled, this,
            [this](int retry, int delayMs, const Failure &failure) {
                AuthEvent event;
                event.type = AuthEvent::Type::RetryScheduled;
                event.httpStatus = failure.httpStatus;
                event.failureKind = Failure::kindName(failure.kind);
                event.text = tr("Token request failed (%1%2); retry %3 in %4 s")
                                 .arg(event.failureKind,
                                      failure.httpStatus ? tr(", HTTP %1").arg(failure.httpStatus)
                                                         : QString())
                                 .arg(retry)
                                 .arg(delayMs / 1000.0, 0, 'f', 1);
                add(event);
            });
    connect(tokens, &TokenManager::exchangeFailed, this, [this](const Failure &failure) {
        AuthEvent event;
        event.type = AuthEvent::Type::Failed;
        event.httpStatus = failure.httpStatus;
        event.failureKind = Failure::kindName(failure.kind);
        event.text = tr("Token request failed (%1%2): %3")
                         .arg(event.failureKind,
                              failure.httpStatus ? tr(", HTTP %1").arg(failure.httpStatus)
                                                 : QString(),
                              failure.message);
        add(event);
    });
    connect(tokens, &TokenManager::tokenRejected, this, [this](const QString &fingerprint) {
        AuthEvent event;
        event.type = AuthEvent::Type::Rejected;
        event.fingerprint = fingerprint;
        event.text = tr("The server refused token %1 (HTTP 401)").arg(fingerprint);
        event.httpStatus = 401;
        add(event);
    });
    connect(tokens, &TokenManager::tokenCleared, this, [this] {
        AuthEvent event;
        event.type = AuthEvent::Type::Cleared;
        event.text = tr("Token cleared from memory");
        add(event);
    });
}

QString AuthEventLog::typeName(AuthEvent::Type type)
{
    switch (type) {
    case AuthEvent::Type::Requested: return QStringLiteral("requested");
    case AuthEvent::Type::Issued: return QStringLiteral("issued");
    case AuthEvent::Type::Renewed: return QStringLiteral("renewed");
    case AuthEvent::Type::RetryScheduled: return QStringLiteral("retry");
    case AuthEvent::Type::Failed: return QStringLiteral("failed");
    case AuthEvent::Type::Rejected: return QStringLiteral("rejected");
    case AuthEvent::Type::Cleared: return QStringLiteral("cleared");
    }
    return {};
}

void AuthEventLog::clear()
{
    m_events.clear();
    emit cleared();
}

void AuthEventLog::add(AuthEvent event)
{
    event.time = QDateTime::currentDateTime();
    if (m_events.size() >= kMaxEvents)
        m_events.removeFirst();
    m_events.append(event);
    emit eventAdded(event);
}

} // namespace gloo
