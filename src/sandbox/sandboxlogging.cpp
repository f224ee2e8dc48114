#include "sandboxlogging.h"

namespace gloo::sandbox {

Q_LOGGING_CATEGORY(lcSandbox, "gloo.sandbox")

} // namespace gloo::sandbox
