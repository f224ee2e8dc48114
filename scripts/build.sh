#!/usr/bin/env bash
# Configures and builds Gloo Console into build/ (or $GLOO_BUILD_DIR).
# Arguments, and the words of $GLOO_CMAKE_ARGS, go to cmake.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${GLOO_BUILD_DIR:-$root/build}

# Wrappers (the sanitized test run, CI's warnings-as-errors build) pass their
# cmake options in GLOO_CMAKE_ARGS, so that scripts which call this one
# without forwarding arguments still build the variant asked for.
read -r -a extra_args <<<"${GLOO_CMAKE_ARGS:-}"

cmake -S "$root" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE="${GLOO_BUILD_TYPE:-RelWithDebInfo}" \
    "${extra_args[@]}" "$@" >/dev/null
cmake --build "$build_dir" --parallel "$(nproc)"
