#include "accesstoken.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QJsonDocument>
#include <QJsonValue>

#include <algorithm>
#include <cmath>

namespace gloo {

namespace {

class Text
{
    Q_DECLARE_TR_FUNCTIONS(AccessToken)
};

// expires_in as a number of seconds, whether the server sent a number or a
// numeric string. Nothing for any other shape.
std::optional<qint64> expiresInSeconds(const QJsonValue &value)
{
    if (value.isDouble())
        return jsonSeconds(value);
    if (value.isString()) {
        bool ok = false;
        const qint64 seconds = value.toString().trimmed().toLongLong(&ok);
        if (ok)
            return seconds;
    }
    return std::nullopt;
}

} // namespace

std::optional<qint64> jsonSeconds(const QJsonValue &value)
{
    if (!value.isDouble())
        return std::nullopt;
    const double seconds = value.toDouble();
    if (!std::isfinite(seconds))
        return std::nullopt;
    // About 31 million years either way: far beyond any expiry, far inside
    // what a qint64 holds.
    constexpr double kLimit = 1e15;
    return static_cast<qint64>(std::clamp(seconds, -kLimit, kLimit));
}

QString tokenFingerprint(const QByteArray &token)
{
    if (token.isEmpty())
        return {};
    const QByteArray hash = QCryptographicHash::hash(token, QCryptographicHash::Sha256);
    return QString::fromLatin1(hash.toHex().left(8));
}

QString AccessToken::fingerprint() const
{
    return tokenFingerprint(value);
}

void AccessToken::wipe()
{
    value.fill('\0');
    value.clear();
    claims = {};
    tokenType.clear();
    issuedAt = {};
    expiresAt = {};
}

std::optional<QJsonObject> decodeJwtPayload(const QByteArray &token)
{
    const QList<QByteArray> parts = token.split('.');
    if (parts.size() != 3 || parts.at(1).isEmpty())
        return std::nullopt;

    const auto decoded = QByteArray::fromBase64Encoding(
        parts.at(1), QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals
                         | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return std::nullopt;

    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(*decoded, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return std::nullopt;
    return document.object();
}

TokenParseResult parseTokenResponse(const QByteArray &body, const QDateTime &now)
{
    TokenParseResult result;

    if (body.trimmed().isEmpty()) {
        result.problem = Text::tr("The token server sent an empty answer.");
        return result;
    }
    if (body.size() > kMaxTokenResponseBytes) {
        result.problem = Text::tr("The token server's answer is too large to be a token.");
        return result;
    }

    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        result.problem = Text::tr("The token server's answer is not JSON.");
        return result;
    }

    const QJsonObject object = document.object();
    const QJsonValue accessToken = object.value(QLatin1String("access_token"));
    if (!accessToken.isString() || accessToken.toString().isEmpty()) {
        result.problem = Text::tr("The token server's answer has no access_token.");
        return result;
    }

    const QString tokenType = object.value(QLatin1String("token_type")).toString();
    if (!tokenType.isEmpty() && tokenType.compare(QLatin1String("bearer"), Qt::CaseInsensitive)) {
        result.problem = Text::tr("The token server issued a \"%1\" token; only Bearer tokens "
                                  "are supported.")
                             .arg(tokenType.left(40));
        return result;
    }

    AccessToken &token = result.token;
    token.value = accessToken.toString().toUtf8();
    token.tokenType = QStringLiteral("Bearer");
    token.issuedAt = now;
    token.claims = decodeJwtPayload(token.value).value_or(QJsonObject());

    const std::optional<qint64> expiresIn = expiresInSeconds(
        object.value(QLatin1String("expires_in")));
    const QJsonValue exp = token.claims.value(QLatin1String("exp"));

    if (expiresIn && *expiresIn > 0) {
        token.expiresAt = now.addSecs(qMin(*expiresIn, kMaxTokenLifetimeSeconds));
        if (*expiresIn > kMaxTokenLifetimeSeconds)
            result.expiryNote = Text::tr("The server said the token lives longer than is "
                                         "believable; it is renewed after %1 hours anyway.")
                                    .arg(kMaxTokenLifetimeSeconds / 3600);
    } else if (jsonSeconds(exp).value_or(0) > 0) {
        const QDateTime jwtExpiry = QDateTime::fromSecsSinceEpoch(
            std::min(*jsonSeconds(exp), now.toSecsSinceEpoch() + kMaxTokenLifetimeSeconds),
            Qt::UTC);
        token.expiresAt = qMin(jwtExpiry, now.addSecs(kMaxTokenLifetimeSeconds));
        result.expiryNote = Text::tr("The server did not say how long the token lives; the "
                                     "expiry written inside the token is used.");
    } else {
        token.expiresAt = now.addSecs(kFallbackTokenLifetimeSeconds);
        result.expiryNote = Text::tr("The server did not say how long the token lives; it is "
                                     "renewed after %1 minutes.")
                                .arg(kFallbackTokenLifetimeSeconds / 60);
    }

    if (token.expiresAt <= now) {
        result.problem = Text::tr("The token server issued a token that has already expired. "
                                  "Check this computer's clock.");
        token.wipe();
    }
    return result;
}

} // namespace gloo
