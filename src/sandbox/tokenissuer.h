#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QMutex>
#include <QString>

namespace gloo::sandbox {

struct IssuedToken
{
    QByteArray accessToken;
    int expiresIn = 0;
};

// Issues and checks access tokens shaped like the JWTs that AWS Cognito issues
// for Gloo: the same header fields and claims, signed with HMAC-SHA256 under a
// key that each issuer draws at random. A token is therefore valid only at the
// sandbox that issued it, only until it expires, and only until all tokens are
// revoked. Safe to use from any thread.
class TokenIssuer
{
public:
    enum class Check {
        Valid,
        Malformed,
        BadSignature,
        Expired,
        Revoked,
    };

    explicit TokenIssuer(int lifetimeSeconds);

    int lifetimeSeconds() const;

    // `issuer` becomes the `iss` claim: the base URL of the sandbox.
    IssuedToken issue(const QString &clientId, const QString &issuer, qint64 nowMs) const;

    // For a valid token, `clientId` (when given) receives its client_id claim.
    Check check(QByteArrayView accessToken, qint64 nowMs, QString *clientId = nullptr) const;

    // Every token issued so far stops working: unexpired ones are reported as
    // Revoked rather than as foreign, so the 401 can say what happened.
    void revokeAll();

    // A short, one-way name for a token, safe to write to a log.
    static QString fingerprint(QByteArrayView accessToken);

private:
    // Tokens are signed with the current key; revoking retires it.
    QByteArray currentKey() const;
    QList<QByteArray> retiredKeys() const;

    int m_lifetimeSeconds;
    mutable QMutex m_mutex;
    QByteArray m_key;
    QList<QByteArray> m_retiredKeys;
};

} // namespace gloo::sandbox
