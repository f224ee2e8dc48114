#pragma once

#include "sandboxhttp.h"

QT_BEGIN_NAMESPACE
class QHttpServerRequest;
QT_END_NAMESPACE

namespace gloo::sandbox {

class FaultInjector;
class RequestStats;
class TokenIssuer;

// What the control endpoints may change.
struct ControlTargets
{
    FaultInjector &faults;
    RequestStats &stats;
    TokenIssuer &tokens;
};

// POST /_sandbox/control: changes the fault plan, resets it or the counters,
// or revokes every access token. The body is one JSON object; besides the
// fault keys that applyFaultChanges() documents it accepts
//
//   "reset": true           faults and counters back to nothing, applied first
//   "reset_faults": true    only the faults
//   "reset_counters": true  only the counters
//   "revoke_tokens": true   every access token issued so far stops working
//
// A request with a mistake changes nothing and is answered 400. Otherwise
// the answer is the same as that of GET /_sandbox/stats afterwards.
SandboxReply answerControlRequest(const QHttpServerRequest &request, const ControlTargets &targets);

// GET /_sandbox/stats: {"faults": {...}, "stats": {"token_requests": 3,
// "api_requests": 5, "api_requests_by_path": {"/ai/v2/chat/completions": 5}}}
SandboxReply answerStatsRequest(const ControlTargets &targets);

} // namespace gloo::sandbox
