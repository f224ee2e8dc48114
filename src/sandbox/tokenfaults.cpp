#include "tokenfaults.h"

#include "tokenissuer.h"

#include <QDateTime>
#include <QJsonDocument>

namespace gloo::sandbox {

namespace {

// Comfortably above the 1 MB a careful client should refuse to buffer.
constexpr qsizetype hugePaddingBytes = 2 * 1024 * 1024;

const QByteArray jsonType = QByteArrayLiteral("application/json");

QJsonObject tokenFields(const TokenIssuer &issuer, const QString &clientId,
                        const QString &issuerUrl)
{
    const IssuedToken token = issuer.issue(clientId, issuerUrl,
                                           QDateTime::currentMSecsSinceEpoch());
    return QJsonObject{
        {QStringLiteral("access_token"), QString::fromLatin1(token.accessToken)},
        {QStringLiteral("expires_in"), token.expiresIn},
        {QStringLiteral("token_type"), QStringLiteral("Bearer")},
    };
}

QByteArray htmlPage(int status)
{
    const QByteArray title = status == 200
                                 ? QByteArrayLiteral("Service Notice")
                                 : QByteArray::number(status) + QByteArrayLiteral(" Gateway Error");
    return "<!DOCTYPE html>\n<html><head><title>" + title + "</title></head>\n<body><h1>" + title
           + "</h1><p>The server is temporarily unable to service your request.</p>"
             "</body></html>\n";
}

} // namespace

SandboxReply failedTokenReply(int status, const QByteArray &retryAfter)
{
    const bool rateLimited = status == 429;
    SandboxReply reply = oauthError(
        HttpStatus(status),
        rateLimited ? QStringLiteral("slow_down") : QStringLiteral("temporarily_unavailable"),
        rateLimited ? QStringLiteral("Too many token requests. Try again later.")
                    : QStringLiteral("The token service is unavailable. Try again later."));
    if (!retryAfter.isEmpty())
        reply.headers.append({QByteArrayLiteral("Retry-After"), retryAfter});
    return reply;
}

SandboxReply brokenTokenReply(TokenBodyFault fault, int status, const TokenIssuer &issuer,
                              const QString &clientId, const QString &issuerUrl)
{
    const HttpStatus httpStatus = HttpStatus(status);
    QJsonObject fields;
    switch (fault) {
    case TokenBodyFault::None: break;
    case TokenBodyFault::Html:
        return rawReply(htmlPage(status), QByteArrayLiteral("text/html; charset=utf-8"),
                        httpStatus);
    case TokenBodyFault::Garbage:
        return rawReply(QByteArrayLiteral("access_token=maybe; this is not JSON {"), jsonType,
                        httpStatus);
    case TokenBodyFault::Empty: return rawReply(QByteArray(), jsonType, httpStatus);
    case TokenBodyFault::NoAccessToken:
        fields = tokenFields(issuer, clientId, issuerUrl);
        fields.remove(QStringLiteral("access_token"));
        break;
    case TokenBodyFault::ExpiresInString:
        fields = tokenFields(issuer, clientId, issuerUrl);
        fields.insert(QStringLiteral("expires_in"),
                      QString::number(fields.value(QStringLiteral("expires_in")).toInt()));
        break;
    case TokenBodyFault::ExpiresInMissing:
        fields = tokenFields(issuer, clientId, issuerUrl);
        fields.remove(QStringLiteral("expires_in"));
        break;
    case TokenBodyFault::Huge:
        fields = tokenFields(issuer, clientId, issuerUrl);
        fields.insert(QStringLiteral("padding"), QString(hugePaddingBytes, QLatin1Char('x')));
        break;
    }
    return rawReply(QJsonDocument(fields).toJson(QJsonDocument::Compact), jsonType, httpStatus);
}

} // namespace gloo::sandbox
