#include "bearerauth.h"

#include "sandboxlogging.h"
#include "tokenissuer.h"

#include <QDateTime>
#include <QHttpServerRequest>

namespace gloo::sandbox {

namespace {

SandboxReply unauthorized(const QByteArray &challenge, const QString &message)
{
    SandboxReply reply = glooError(HttpStatus::Unauthorized, QStringLiteral("UNAUTHORIZED"),
                                   int(HttpStatus::Unauthorized), message);
    reply.headers.append({QByteArrayLiteral("WWW-Authenticate"), challenge});
    return reply;
}

} // namespace

std::optional<SandboxReply> refuseWithoutAccessToken(const QHttpServerRequest &request,
                                                     const TokenIssuer &issuer,
                                                     const QString &forbiddenClientId)
{
    const QByteArray scheme = QByteArrayLiteral("bearer ");
    const QByteArray authorization = headerValue(request, "Authorization");
    if (!authorization.toLower().startsWith(scheme)) {
        qCInfo(lcSandbox) << "API request without an access token";
        return unauthorized(QByteArrayLiteral("Bearer realm=\"gloo-sandbox\""),
                            QStringLiteral("Send an access token in an "
                                           "\"Authorization: Bearer\" header."));
    }

    const QByteArray accessToken = authorization.mid(scheme.size()).trimmed();
    QString clientId;
    switch (issuer.check(accessToken, QDateTime::currentMSecsSinceEpoch(), &clientId)) {
    case TokenIssuer::Check::Valid:
        if (!forbiddenClientId.isEmpty() && clientId == forbiddenClientId) {
            qCInfo(lcSandbox) << "API request refused: the client has no API access";
            return forbiddenClient(QStringLiteral("These credentials are valid but their "
                                                  "organisation has no API access. Set up "
                                                  "billing to use the API."));
        }
        return std::nullopt;
    case TokenIssuer::Check::Revoked:
        qCInfo(lcSandbox).noquote()
            << "revoked access token, fingerprint" << TokenIssuer::fingerprint(accessToken);
        return unauthorized(QByteArrayLiteral("Bearer realm=\"gloo-sandbox\", "
                                              "error=\"invalid_token\", "
                                              "error_description=\"The access token was "
                                              "revoked\""),
                            QStringLiteral("The access token has been revoked. Request a new "
                                           "one."));
    case TokenIssuer::Check::Expired:
        qCInfo(lcSandbox).noquote()
            << "expired access token, fingerprint" << TokenIssuer::fingerprint(accessToken);
        return unauthorized(QByteArrayLiteral("Bearer realm=\"gloo-sandbox\", "
                                              "error=\"invalid_token\", "
                                              "error_description=\"The access token expired\""),
                            QStringLiteral("The access token has expired. Request a new one."));
    case TokenIssuer::Check::Malformed:
    case TokenIssuer::Check::BadSignature: break;
    }

    qCInfo(lcSandbox).noquote() << "access token not issued by this sandbox, fingerprint"
                                << TokenIssuer::fingerprint(accessToken);
    return unauthorized(QByteArrayLiteral("Bearer realm=\"gloo-sandbox\", "
                                          "error=\"invalid_token\""),
                        QStringLiteral("The access token is not valid for this server."));
}

} // namespace gloo::sandbox
