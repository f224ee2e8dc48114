#include "tokenendpoint.h"

#include "formencoding.h"
#include "sandboxlogging.h"
#include "tokenissuer.h"

#include <QDateTime>
#include <QHttpServerRequest>

namespace gloo::sandbox {

namespace {

const QString grantTypeField = QStringLiteral("grant_type");
const QString scopeField = QStringLiteral("scope");
const QString onlyScope = QStringLiteral("api/access");

// HTTP Basic client authentication as RFC 6749 section 2.3.1 defines it: the
// client form-urlencodes its id and its secret, joins them with ':' and
// base64-encodes the result. Undoing the encoding in that order is what makes
// a secret containing ':', '+', '%' or a space arrive intact; a client that
// skipped the encoding is refused rather than guessed at.
bool authenticateClient(const QByteArray &authorization, const ClientCredentials &accepted)
{
    const QByteArray scheme = QByteArrayLiteral("basic ");
    if (!authorization.toLower().startsWith(scheme))
        return false;

    const auto decoded = QByteArray::fromBase64Encoding(authorization.mid(scheme.size()).trimmed(),
                                                        QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return false;

    const QByteArrayView credentials = decoded.decoded;
    const qsizetype colon = credentials.indexOf(':');
    if (colon < 0)
        return false;
    const auto clientId = decodeFormComponent(credentials.first(colon));
    const auto clientSecret = decodeFormComponent(credentials.sliced(colon + 1));
    if (!clientId || !clientSecret)
        return false;

    // Both comparisons always run, so the time taken does not reveal which
    // one failed.
    const bool idMatches = constantTimeEquals(clientId->toUtf8(), accepted.clientId.toUtf8());
    const bool secretMatches = constantTimeEquals(clientSecret->toUtf8(),
                                                  accepted.clientSecret.toUtf8());
    return idMatches && secretMatches;
}

SandboxReply refuse(HttpStatus status, const QString &error, const QString &description)
{
    qCInfo(lcSandbox).noquote() << "token request refused:" << error;
    return oauthError(status, error, description);
}

} // namespace

SandboxReply answerTokenRequest(const QHttpServerRequest &request,
                                const ClientCredentials &accepted, const TokenIssuer &issuer,
                                const QString &issuerUrl)
{
    const QByteArray contentType = mediaType(headerValue(request, "Content-Type"));
    if (contentType != "application/x-www-form-urlencoded") {
        return refuse(HttpStatus::BadRequest, QStringLiteral("invalid_request"),
                      QStringLiteral("The token endpoint expects a body of type "
                                     "application/x-www-form-urlencoded."));
    }

    const auto form = parseFormBody(request.body());
    if (!form) {
        return refuse(HttpStatus::BadRequest, QStringLiteral("invalid_request"),
                      QStringLiteral("The form body is malformed or repeats a parameter."));
    }

    if (!authenticateClient(headerValue(request, "Authorization"), accepted)) {
        SandboxReply reply = refuse(HttpStatus::Unauthorized, QStringLiteral("invalid_client"),
                                    QStringLiteral("Client authentication failed."));
        reply.headers.append(
            {QByteArrayLiteral("WWW-Authenticate"),
             QByteArrayLiteral("Basic realm=\"gloo-sandbox\", charset=\"UTF-8\"")});
        return reply;
    }

    if (!form->contains(grantTypeField)) {
        return refuse(HttpStatus::BadRequest, QStringLiteral("invalid_request"),
                      QStringLiteral("The grant_type parameter is missing."));
    }
    if (form->value(grantTypeField) != QLatin1String("client_credentials")) {
        return refuse(HttpStatus::BadRequest, QStringLiteral("unsupported_grant_type"),
                      QStringLiteral("Only the client_credentials grant is supported."));
    }

    const QString scope = form->value(scopeField);
    if (!scope.isEmpty() && scope != onlyScope) {
        return refuse(HttpStatus::BadRequest, QStringLiteral("invalid_scope"),
                      QStringLiteral("The only scope is api/access."));
    }

    const IssuedToken token = issuer.issue(accepted.clientId, issuerUrl,
                                           QDateTime::currentMSecsSinceEpoch());
    qCInfo(lcSandbox).noquote() << "access token issued, fingerprint"
                                << TokenIssuer::fingerprint(token.accessToken) << "expires in"
                                << token.expiresIn << "s";

    SandboxReply reply = jsonReply(QJsonObject{
        {QStringLiteral("access_token"), QString::fromLatin1(token.accessToken)},
        {QStringLiteral("expires_in"), token.expiresIn},
        {QStringLiteral("token_type"), QStringLiteral("Bearer")},
    });
    reply.headers.append({QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-store")});
    reply.headers.append({QByteArrayLiteral("Pragma"), QByteArrayLiteral("no-cache")});
    return reply;
}

} // namespace gloo::sandbox
