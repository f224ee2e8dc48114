#!/usr/bin/env bash
# Builds Gloo Console and runs its benchmarks, then prints one table of
# figures, each next to a baseline measured in the same run. Benchmarks print
# figures; they never fail because a machine is slow. The exit status is
# non-zero only when a benchmark could not run at all.
#
#   ./scripts/bench.sh            every benchmark at full size (a few minutes)
#   ./scripts/bench.sh --quick    few repetitions and small sizes, for CI
#   ./scripts/bench.sh --xvfb     the in-process benchmarks' windows on the
#                                 virtual X server too, instead of offscreen
#                                 (start-up is always measured on both)
#
# Like the tests, it runs in a private D-Bus session with an unlocked GNOME
# Keyring and a throwaway HOME, so Gloo Console starts as on a desktop without
# touching the developer's keychain or settings. The table is also written to
# bench-results.md in the build folder.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${GLOO_BUILD_DIR:-$root/build}

mode=full
platform=offscreen
for arg in "$@"; do
    case "$arg" in
        --quick) mode=quick ;;
        --xvfb) platform=xvfb ;;
        -h | --help) sed -n '2,16p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "usage: $0 [--quick] [--xvfb]" >&2; exit 2 ;;
    esac
done

"$root/scripts/install-deps.sh" --with-tests --with-bench
"$root/scripts/build.sh"

bench_home=$(mktemp -d /tmp/gloo-console-bench-home.XXXXXX)
trap 'rm -rf "$bench_home"' EXIT
mkdir -p "$bench_home/.config" "$bench_home/.local/share" "$bench_home/.cache" \
    "$bench_home/runtime"
chmod 700 "$bench_home/runtime"
export HOME=$bench_home
export XDG_CONFIG_HOME=$bench_home/.config
export XDG_DATA_HOME=$bench_home/.local/share
export XDG_CACHE_HOME=$bench_home/.cache
export XDG_RUNTIME_DIR=$bench_home/runtime
export GLOO_BENCH_MODE=$mode GLOO_BENCH_PLATFORM=$platform GLOO_BUILD_DIR=$build_dir

# Start-up is measured on an X server as well as offscreen, so the benchmarks
# always run with Xvfb; --xvfb puts the other windows on it too.
measure=(dbus-run-session -- "$root/scripts/with-keyring.sh" "$root/bench/measure.sh")
if [[ $platform == xvfb ]]; then
    unset QT_QPA_PLATFORM
else
    export QT_QPA_PLATFORM=offscreen
fi
xvfb-run -a -s "-screen 0 1920x1080x24 -nolisten tcp" "${measure[@]}"
