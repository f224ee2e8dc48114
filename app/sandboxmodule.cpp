// The sandbox module that Gloo Console loads when the sandbox is first used
// (see LazySandbox).

#include "sandboxmodule.h"
#include "sandboxadapter.h"

extern "C" Q_DECL_EXPORT gloo::BuiltInSandbox *
glooCreateBuiltInSandbox(const gloo::sandbox::SandboxConfig &config)
{
    return new SandboxAdapter(config);
}

// The loader and the module must agree on the function's type.
[[maybe_unused]] static constexpr gloo::sandbox::CreateBuiltInSandbox kCheckedType =
    &glooCreateBuiltInSandbox;
