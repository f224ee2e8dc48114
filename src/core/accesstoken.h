#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

#include <optional>

namespace gloo {

struct Failure;

// An access token as issued by the token endpoint. Held in memory only.
struct AccessToken
{
    QByteArray value;
    QString tokenType;
    QDateTime issuedAt;
    QDateTime expiresAt;
    // The JWT payload when the token is a JWT; empty otherwise. For display
    // only: the client never relies on claims for correctness.
    QJsonObject claims;

    bool isNull() const { return value.isEmpty(); }
    bool isJwt() const { return !claims.isEmpty(); }
    qint64 lifetimeSeconds() const { return issuedAt.secsTo(expiresAt); }

    // A short name for this token that is safe to log and show: the first
    // characters of the SHA-256 of its value.
    QString fingerprint() const;

    void wipe();
};

// The payload of a JWT (header.payload.signature, base64url), or nothing when
// the value is not a JWT with a JSON object payload. The signature is not
// checked: the claims are shown, not trusted.
std::optional<QJsonObject> decodeJwtPayload(const QByteArray &token);

QString tokenFingerprint(const QByteArray &token);

// A JSON number of seconds as a whole number, or nothing when it is not a
// finite number. Values beyond any plausible time are clamped, so that
// converting them can never overflow.
std::optional<qint64> jsonSeconds(const QJsonValue &value);

// The outcome of parsing a token endpoint answer.
struct TokenParseResult
{
    AccessToken token;
    QString problem; // empty on success
    // Set when expires_in was unusable and the expiry came from elsewhere.
    QString expiryNote;
};

// Parses a 2xx answer of the token endpoint received at 'now'. Uses
// expires_in; falls back to the JWT's exp claim, then to a conservative
// default, so that a surprising answer still yields a usable token.
TokenParseResult parseTokenResponse(const QByteArray &body, const QDateTime &now);

// Answers larger than this are not a token response.
constexpr qint64 kMaxTokenResponseBytes = 64 * 1024;
// Used when neither expires_in nor a JWT exp tell the lifetime.
constexpr int kFallbackTokenLifetimeSeconds = 300;
// Lifetimes beyond this are treated as this: a token that claims to live for
// years would otherwise never be renewed.
constexpr qint64 kMaxTokenLifetimeSeconds = 24 * 3600;

} // namespace gloo
