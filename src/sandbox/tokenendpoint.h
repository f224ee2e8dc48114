#pragma once

#include "sandboxhttp.h"

#include <QString>

QT_BEGIN_NAMESPACE
class QHttpServerRequest;
QT_END_NAMESPACE

namespace gloo::sandbox {

class TokenIssuer;

// The client credentials this sandbox accepts.
struct ClientCredentials
{
    QString clientId;
    QString clientSecret;
};

// POST /oauth2/token, the client credentials grant (RFC 6749 section 4.4) as
// AWS Cognito answers it for Gloo. `issuerUrl` becomes the tokens' `iss`.
SandboxReply answerTokenRequest(const QHttpServerRequest &request,
                                const ClientCredentials &accepted, const TokenIssuer &issuer,
                                const QString &issuerUrl);

} // namespace gloo::sandbox
