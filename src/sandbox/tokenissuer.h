#pragma once

#include <QByteArray>
#include <QByteArrayView>
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
// sandbox that issued it, and only until it expires.
class TokenIssuer
{
public:
    enum class Check {
        Valid,
        Malformed,
        BadSignature,
        Expired,
    };

    explicit TokenIssuer(int lifetimeSeconds);

    int lifetimeSeconds() const;

    // `issuer` becomes the `iss` claim: the base URL of the sandbox.
    IssuedToken issue(const QString &clientId, const QString &issuer, qint64 nowMs) const;
    Check check(QByteArrayView accessToken, qint64 nowMs) const;

    // A short, one-way name for a token, safe to write to a log.
    static QString fingerprint(QByteArrayView accessToken);

private:
    QByteArray sign(QByteArrayView signingInput) const;

    int m_lifetimeSeconds;
    QByteArray m_key;
};

} // namespace gloo::sandbox
