#!/usr/bin/env bash
# Builds the libFuzzer targets in fuzz/ with clang, AddressSanitizer and UBSan
# into build-fuzz/ (or $GLOO_FUZZ_BUILD_DIR), replays every saved regression
# input, then fuzzes each target for the given number of seconds (default 60).
# Fails when any target crashes, leaks, trips a sanitizer or breaks a property.
#
# Usage: scripts/fuzz.sh [seconds-per-target] [target...]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${GLOO_FUZZ_BUILD_DIR:-$root/build-fuzz}
seconds=${1:-60}
shift || true

if ! [[ "$seconds" =~ ^[0-9]+$ ]]; then
    echo "usage: $0 [seconds-per-target] [target...]" >&2
    exit 2
fi

"$root/scripts/install-deps.sh" --with-gates >/dev/null

# Debug keeps Qt's own assertions (bounds checks in containers) switched on;
# -O1 keeps fuzzing fast enough to be worth it.
cmake -S "$root" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Debug \
    -DCMAKE_CXX_COMPILER="${GLOO_FUZZ_CXX:-clang++-14}" -DCMAKE_CXX_FLAGS_DEBUG="-g -O1" \
    -DGLOO_BUILD_FUZZERS=ON -DGLOO_BUILD_TESTS=OFF >/dev/null

if (($# > 0)); then
    targets=("$@")
else
    mapfile -t targets < <(grep -v '^$' "$build_dir/fuzz/fuzzers.txt")
fi
cmake --build "$build_dir" --parallel "$(nproc)" --target "${targets[@]/#/fuzz_}"

# Any sanitizer report ends the run with an error; leaks are reported too.
export ASAN_OPTIONS=${ASAN_OPTIONS:-halt_on_error=1:detect_leaks=1:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}

failed=()
for target in "${targets[@]}"; do
    binary=$build_dir/fuzz/fuzz_$target
    log_dir=$build_dir/fuzz-logs
    artifacts=$build_dir/fuzz-artifacts/$target/
    # New inputs found while fuzzing go to the build folder, not the
    # committed seeds, which stay small and hand-made.
    work_corpus=$build_dir/fuzz-corpus/$target
    mkdir -p "$log_dir" "$artifacts" "$work_corpus"

    regressions=()
    if [[ -d "$root/fuzz/regressions/$target" ]]; then
        mapfile -t regressions < <(find "$root/fuzz/regressions/$target" -type f | sort)
    fi
    if ((${#regressions[@]} > 0)); then
        echo "== $target: replaying ${#regressions[@]} regression input(s)"
        if ! "$binary" "${regressions[@]}" >"$log_dir/$target-regressions.log" 2>&1; then
            tail -n 40 "$log_dir/$target-regressions.log"
            failed+=("$target (regression)")
            continue
        fi
    fi

    options=(-max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1
        -artifact_prefix="$artifacts")
    if [[ -f "$root/fuzz/$target.dict" ]]; then
        options+=(-dict="$root/fuzz/$target.dict")
    fi

    echo "== $target: fuzzing for ${seconds}s"
    if "$binary" "${options[@]}" "$work_corpus" "$root/fuzz/corpus/$target" \
        >"$log_dir/$target.log" 2>&1; then
        grep -E '^stat::number_of_executed_units|^Done [0-9]+ runs' "$log_dir/$target.log" || true
    else
        tail -n 60 "$log_dir/$target.log"
        echo "Reproducer(s) in $artifacts; copy one to fuzz/regressions/$target/ once fixed." >&2
        failed+=("$target")
    fi
done

if ((${#failed[@]} > 0)); then
    echo "Fuzzing failed: ${failed[*]}" >&2
    exit 1
fi
echo "Fuzzing passed: ${targets[*]} (${seconds}s each)"
