#include "tokenissuer.h"

#include "sandboxhttp.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QMessageAuthenticationCode>
#include <QMutexLocker>
#include <QRandomGenerator>
#include <QUuid>

#include <algorithm>
#include <array>
#include <optional>

namespace gloo::sandbox {

namespace {

constexpr auto base64Url = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;

QByteArray encodeSegment(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact).toBase64(base64Url);
}

std::optional<QByteArray> decodeSegment(QByteArrayView segment)
{
    auto decoded = QByteArray::fromBase64Encoding(
        segment.toByteArray(), base64Url | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return std::nullopt;
    return *decoded;
}

// Beyond this many revocations the oldest keys are forgotten, and their
// tokens count as foreign instead of revoked.
constexpr qsizetype maxRetiredKeys = 16;

QByteArray sign(QByteArrayView signingInput, const QByteArray &key)
{
    return QMessageAuthenticationCode::hash(signingInput.toByteArray(), key,
                                            QCryptographicHash::Sha256);
}

QByteArray randomKey()
{
    std::array<quint32, 8> words;
    QRandomGenerator::system()->fillRange(words.data(), qsizetype(words.size()));
    return QByteArray(reinterpret_cast<const char *>(words.data()),
                      qsizetype(words.size() * sizeof(quint32)));
}

} // namespace

TokenIssuer::TokenIssuer(int lifetimeSeconds)
    : m_lifetimeSeconds(std::max(1, lifetimeSeconds))
    , m_key(randomKey())
{
}

int TokenIssuer::lifetimeSeconds() const
{
    return m_lifetimeSeconds;
}

IssuedToken TokenIssuer::issue(const QString &clientId, const QString &issuer, qint64 nowMs) const
{
    // Claims are whole seconds. Rounding the expiry up keeps every token valid
    // for at least the lifetime announced in expires_in.
    const qint64 issuedAt = nowMs / 1000;
    const qint64 expiresAt = (nowMs + qint64(m_lifetimeSeconds) * 1000 + 999) / 1000;

    const QJsonObject header{
        {QStringLiteral("alg"), QStringLiteral("HS256")},
        {QStringLiteral("kid"), QStringLiteral("sandbox")},
        {QStringLiteral("typ"), QStringLiteral("JWT")},
    };
    const QJsonObject payload{
        {QStringLiteral("sub"), clientId},
        {QStringLiteral("client_id"), clientId},
        {QStringLiteral("scope"), QStringLiteral("api/access")},
        {QStringLiteral("token_use"), QStringLiteral("access")},
        {QStringLiteral("iss"), issuer},
        {QStringLiteral("iat"), issuedAt},
        {QStringLiteral("auth_time"), issuedAt},
        {QStringLiteral("exp"), expiresAt},
        {QStringLiteral("jti"), QUuid::createUuid().toString(QUuid::WithoutBraces)},
        {QStringLiteral("version"), 2},
    };

    const QByteArray signingInput = encodeSegment(header) + '.' + encodeSegment(payload);
    IssuedToken token;
    token.accessToken = signingInput + '.' + sign(signingInput, currentKey()).toBase64(base64Url);
    token.expiresIn = m_lifetimeSeconds;
    return token;
}

TokenIssuer::Check TokenIssuer::check(QByteArrayView accessToken, qint64 nowMs,
                                      QString *clientId) const
{
    const QList<QByteArray> segments = accessToken.toByteArray().split('.');
    if (segments.size() != 3)
        return Check::Malformed;

    const QByteArray signingInput = segments[0] + '.' + segments[1];
    const auto signature = decodeSegment(segments[2]);
    if (!signature)
        return Check::Malformed;
    bool revoked = false;
    if (!constantTimeEquals(*signature, sign(signingInput, currentKey()))) {
        const QList<QByteArray> retired = retiredKeys();
        for (const QByteArray &key : retired) {
            if (constantTimeEquals(*signature, sign(signingInput, key)))
                revoked = true;
        }
        if (!revoked)
            return Check::BadSignature;
    }

    // The signature proves that this issuer wrote the payload, so it is well
    // formed; checking anyway keeps a future change of the claims honest.
    const auto payloadJson = decodeSegment(segments[1]);
    if (!payloadJson)
        return Check::Malformed;
    const QJsonObject payload = QJsonDocument::fromJson(*payloadJson).object();
    const qint64 expiresAt = payload.value(QStringLiteral("exp")).toInteger(-1);
    const QString tokenUse = payload.value(QStringLiteral("token_use")).toString();
    if (expiresAt < 0 || tokenUse != QLatin1String("access"))
        return Check::Malformed;

    if (nowMs >= expiresAt * 1000)
        return Check::Expired;
    if (revoked)
        return Check::Revoked;
    if (clientId)
        *clientId = payload.value(QStringLiteral("client_id")).toString();
    return Check::Valid;
}

void TokenIssuer::revokeAll()
{
    QMutexLocker lock(&m_mutex);
    m_retiredKeys.prepend(m_key);
    if (m_retiredKeys.size() > maxRetiredKeys)
        m_retiredKeys.removeLast();
    m_key = randomKey();
}

QString TokenIssuer::fingerprint(QByteArrayView accessToken)
{
    const QByteArray digest = QCryptographicHash::hash(accessToken, QCryptographicHash::Sha256);
    return QString::fromLatin1(digest.toHex().left(12));
}

QByteArray TokenIssuer::currentKey() const
{
    QMutexLocker lock(&m_mutex);
    return m_key;
}

QList<QByteArray> TokenIssuer::retiredKeys() const
{
    QMutexLocker lock(&m_mutex);
    return m_retiredKeys;
}

} // namespace gloo::sandbox
