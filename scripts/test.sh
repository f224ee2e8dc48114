#!/usr/bin/env bash
# Installs what is missing, builds, and runs the whole test suite with CTest.
#
# The tests run inside a private D-Bus session with an unlocked GNOME Keyring
# (a real Secret Service) and a throwaway HOME, so they never touch the
# developer's keychain or settings. Extra arguments go to ctest.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${GLOO_BUILD_DIR:-$root/build}

"$root/scripts/install-deps.sh" --with-tests
"$root/scripts/build.sh"

test_home=$(mktemp -d /tmp/gloo-console-test-home.XXXXXX)
trap 'rm -rf "$test_home"' EXIT
mkdir -p "$test_home/.config" "$test_home/.local/share" "$test_home/.cache" "$test_home/runtime"
chmod 700 "$test_home/runtime"

export HOME=$test_home
export XDG_CONFIG_HOME=$test_home/.config
export XDG_DATA_HOME=$test_home/.local/share
export XDG_CACHE_HOME=$test_home/.cache
export XDG_RUNTIME_DIR=$test_home/runtime
export QT_QPA_PLATFORM=offscreen

exec dbus-run-session -- "$root/scripts/with-keyring.sh" \
    ctest --test-dir "$build_dir" --output-on-failure --timeout 300 "$@"
