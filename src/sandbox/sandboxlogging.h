#pragma once

#include <QLoggingCategory>

namespace gloo::sandbox {

// The sandbox's one logging category. It records events (token issued, request
// answered with a status) and never a secret, a token, an Authorization header
// or a request body.
Q_DECLARE_LOGGING_CATEGORY(lcSandbox)

} // namespace gloo::sandbox
