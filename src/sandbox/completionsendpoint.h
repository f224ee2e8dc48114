#pragma once

#include "completionrequest.h"
#include "sandboxhttp.h"

QT_BEGIN_NAMESPACE
class QHttpServerRequest;
QT_END_NAMESPACE

namespace gloo::sandbox {

struct SandboxContext;

// POST /ai/v2/chat/completions, /ai/v1/chat/completions and
// /ai/v2/chat/completions/grounded, whole or streamed as server-sent events.
// The answer is made from the last user message alone, so that the same
// question always gets the same text and the same usage counts.
SandboxReply answerCompletionRequest(const QHttpServerRequest &request,
                                     const SandboxContext &context, CompletionApi api);

} // namespace gloo::sandbox
