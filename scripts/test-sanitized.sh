#!/usr/bin/env bash
# Builds with AddressSanitizer (leak checking included) and UBSan into
# build-asan/ (or $GLOO_ASAN_BUILD_DIR) and runs the whole test suite the way
# scripts/test.sh does: private D-Bus session, unlocked GNOME Keyring,
# throwaway HOME. Any sanitizer report fails the test that made it.
# Extra arguments go to ctest.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

export GLOO_BUILD_DIR=${GLOO_ASAN_BUILD_DIR:-$root/build-asan}
# Debug keeps Qt's assertions on, which catch misuse the sanitizers cannot
# see, such as an out-of-range index that still lands inside an allocation.
export GLOO_BUILD_TYPE=${GLOO_ASAN_BUILD_TYPE:-Debug}
export GLOO_CMAKE_ARGS="-DGLOO_SANITIZE=address;undefined ${GLOO_CMAKE_ARGS:-}"

# halt_on_error turns the first report into a failed test; the build already
# makes UBSan reports fatal. Leaks are checked at every test's exit, with the
# suppressions file limited to leaks inside system libraries.
export ASAN_OPTIONS=${ASAN_OPTIONS:-halt_on_error=1:detect_leaks=1:check_initialization_order=1:detect_stack_use_after_return=1}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$root/scripts/lsan-suppressions.txt:print_suppressions=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}

exec "$root/scripts/test.sh" "$@"
