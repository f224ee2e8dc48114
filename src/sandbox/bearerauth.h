#pragma once

#include "sandboxhttp.h"

#include <optional>

QT_BEGIN_NAMESPACE
class QHttpServerRequest;
QT_END_NAMESPACE

namespace gloo::sandbox {

class TokenIssuer;

// Checks the "Authorization: Bearer" header of an API request. Returns the
// 401 answer (with a WWW-Authenticate challenge as RFC 6750 describes) when
// the access token is missing, not one of ours, expired or revoked; the 403
// answer when it was issued to `forbiddenClientId`; nothing when the request
// may proceed.
std::optional<SandboxReply> refuseWithoutAccessToken(const QHttpServerRequest &request,
                                                     const TokenIssuer &issuer,
                                                     const QString &forbiddenClientId = {});

} // namespace gloo::sandbox
