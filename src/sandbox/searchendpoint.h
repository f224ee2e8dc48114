#pragma once

#include "sandboxhttp.h"

QT_BEGIN_NAMESPACE
class QHttpServerRequest;
QT_END_NAMESPACE

namespace gloo::sandbox {

// POST /ai/data/v1/search, the semantic data search: {query, collection
// ("GlooProd"), tenant, certainty (0 to 1, default 0.75), limit (default 10)}.
// The results are made up but the same for the same request: a fixed ladder
// of certainties, of which those at or above the requested one are returned,
// best first, at most `limit` of them.
SandboxReply answerSearchRequest(const QHttpServerRequest &request);

} // namespace gloo::sandbox
