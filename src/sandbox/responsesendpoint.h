#pragma once

#include "sandboxhttp.h"

QT_BEGIN_NAMESPACE
class QHttpServerRequest;
QT_END_NAMESPACE

namespace gloo::sandbox {

struct SandboxContext;

// POST /ai/v1/responses, shaped like OpenAI's Responses API: needs `model`
// and `input` (a string, or a list of messages), answers {"id", "object":
// "response", "output": [...], "usage": {...}}. A text model answers with an
// output_text message; a model that only produces images answers with a tiny
// generated image.
SandboxReply answerResponsesRequest(const QHttpServerRequest &request,
                                    const SandboxContext &context);

} // namespace gloo::sandbox
