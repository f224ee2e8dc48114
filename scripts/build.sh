#!/usr/bin/env bash
# Configures and builds Gloo Console into build/ (or $GLOO_BUILD_DIR).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${GLOO_BUILD_DIR:-$root/build}

cmake -S "$root" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE="${GLOO_BUILD_TYPE:-RelWithDebInfo}" \
    "$@" >/dev/null
cmake --build "$build_dir" --parallel "$(nproc)"
