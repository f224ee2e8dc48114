#pragma once

#include "faultplan.h"
#include "sandboxhttp.h"

namespace gloo::sandbox {

class TokenIssuer;

// The token endpoint failing with `status`, as a gateway or an overloaded
// Cognito would: an OAuth error body and, when given, a Retry-After header.
SandboxReply failedTokenReply(int status, const QByteArray &retryAfter);

// A broken answer of the token endpoint, sent with `status`. The kinds that
// still carry an access token carry a real one, issued to `clientId`, so that
// a lenient client could go on with it.
SandboxReply brokenTokenReply(TokenBodyFault fault, int status, const TokenIssuer &issuer,
                              const QString &clientId, const QString &issuerUrl);

} // namespace gloo::sandbox
