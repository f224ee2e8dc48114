#pragma once

#include "sandboxhttp.h"

QT_BEGIN_NAMESPACE
class QHttpServerRequest;
QT_END_NAMESPACE

namespace gloo::sandbox {

class ModelCatalog;
class TokenIssuer;

// POST /ai/v2/chat/completions without streaming. The answer is made from the
// last user message alone, so that the same question always gets the same
// text and the same usage counts.
SandboxReply answerCompletionRequest(const QHttpServerRequest &request,
                                     const TokenIssuer &issuer, const ModelCatalog &catalog);

// The text the sandbox answers to a question.
QString sandboxAnswer(const QString &question);

} // namespace gloo::sandbox
