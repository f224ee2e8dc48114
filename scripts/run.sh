#!/usr/bin/env bash
# Installs what is missing, builds, and starts Gloo Console on the built-in
# sandbox. Extra arguments go to the app (try --sandbox-token-lifetime 30).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${GLOO_BUILD_DIR:-$root/build}

"$root/scripts/install-deps.sh"
"$root/scripts/build.sh"

if [[ -z "${DISPLAY:-}" && -z "${WAYLAND_DISPLAY:-}" && -z "${QT_QPA_PLATFORM:-}" ]]; then
    echo "No display found. Run this from a desktop session, or under Xvfb:" >&2
    echo "  xvfb-run -a $0" >&2
    exit 1
fi
exec "$build_dir/app/gloo-console" --sandbox "$@"
