#pragma once

#include "sandboxhttp.h"

QT_BEGIN_NAMESPACE
class QHttpServerRequest;
QT_END_NAMESPACE

namespace gloo::sandbox {

struct SandboxContext;

// POST /ai/v1/message, the deprecated Message API: answers a query within a
// chat, starting a new chat when the request names none. The answer carries
// chat_id, query_id, message_id, message, model, sources[] and suggestions[].
SandboxReply answerMessageRequest(const QHttpServerRequest &request, const SandboxContext &context);

// GET /ai/v1/chat?chat_id=...: the whole conversation of a chat, oldest first,
// or 404 for a chat the sandbox does not know.
SandboxReply answerChatRequest(const QHttpServerRequest &request, const SandboxContext &context);

} // namespace gloo::sandbox
