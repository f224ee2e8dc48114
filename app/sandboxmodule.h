#pragma once

namespace gloo {
class BuiltInSandbox;
}

namespace gloo::sandbox {

struct SandboxConfig;

// The one function the sandbox module exports: it makes a sandbox (not yet
// started) that the caller owns.
using CreateBuiltInSandbox = gloo::BuiltInSandbox *(*)(const SandboxConfig &config);
inline constexpr char kCreateBuiltInSandboxSymbol[] = "glooCreateBuiltInSandbox";

} // namespace gloo::sandbox
