#pragma once

#include "failure.h"

#include <QDateTime>
#include <QList>
#include <QObject>
#include <QString>

namespace gloo {

class TokenManager;

// One thing that happened to the access token, in words a person can read.
// Never holds a secret or a token: a token is named by its fingerprint.
struct AuthEvent
{
    enum class Type { Requested, Issued, Renewed, RetryScheduled, Failed, Rejected, Cleared };

    QDateTime time;
    Type type = Type::Requested;
    QString text;
    QString fingerprint;
    int httpStatus = 0;
    QString failureKind;
};

// The history of the token's life, built from the token owner's signals. The
// window shows it as the auth log; it is kept in memory only.
class AuthEventLog : public QObject
{
    Q_OBJECT

public:
    explicit AuthEventLog(TokenManager *tokens, QObject *parent = nullptr);

    const QList<AuthEvent> &events() const { return m_events; }
    void clear();

    static QString typeName(AuthEvent::Type type);

    // Older events are dropped beyond this many.
    static constexpr int kMaxEvents = 500;

signals:
    void eventAdded(const gloo::AuthEvent &event);
    void cleared();

private:
    void add(AuthEvent event);

    TokenManager *m_tokens;
    QList<AuthEvent> m_events;
};

} // namespace gloo
