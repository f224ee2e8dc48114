#!/usr/bin/env bash
# Runs clang-tidy (release 14, as Debian 12 ships it) with the checks in
# .clang-tidy, then clazy (the Qt-aware checks of its levels 0 and 1: signal
# and slot misuse, needless container detaches and copies, QString misuse;
# not non-pod-global-static: the file-level constants are small literals
# built once at load time, and static executables pay that cost only once),
# over every source file of src/ and app/ that the build compiles,
# using the compile commands of build/ (or $GLOO_BUILD_DIR), which is built
# first so that the generated moc and ui headers exist. Fails when any check
# reports. Arguments narrow the run to files matching those regexes.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${GLOO_BUILD_DIR:-$root/build}
version=${CLANG_TIDY_VERSION:-14}

"$root/scripts/install-deps.sh" --with-gates >/dev/null

log=$(mktemp /tmp/gloo-console-tidy.XXXXXX)
trap 'rm -f "$log"' EXIT

if ! "$root/scripts/build.sh" >"$log" 2>&1; then
    cat "$log"
    echo "clang-tidy: the build failed, so the sources cannot be analysed." >&2
    exit 1
fi

if (($# > 0)); then
    patterns=("$@")
else
    patterns=("^$root/(src|app)/")
fi

# The compile commands come from GCC. Under -Wpedantic clang flags Qt's
# logging macros (qCInfo(category) << ...) although that is their documented
# use; compiler warnings are GCC's job in the build, here only checks count.
status=0
"run-clang-tidy-$version" -clang-tidy-binary "clang-tidy-$version" -p "$build_dir" -quiet \
    -j "$(nproc)" -header-filter="^$root/(src|app)/" \
    -extra-arg=-Wno-gnu-zero-variadic-macro-arguments -extra-arg=-Wno-unknown-warning-option \
    "${patterns[@]}" >"$log" 2>&1 || status=$?

# A header's finding is reported once per file that includes it, under
# differently spelled paths (src/gui/../core/); list each finding once, as
# plain text (run-clang-tidy asks for colours).
mapfile -t findings < <(sed -e 's/\x1b\[[0-9;]*m//g' -e 's#/[a-z]*/\.\./#/#g' "$log" \
    | grep -E '^/.*:[0-9]+:[0-9]+: (warning|error): ' | sort -u)
if ((${#findings[@]} > 0)); then
    printf '%s\n' "${findings[@]}"
    echo "clang-tidy: ${#findings[@]} finding(s)." >&2
    exit 1
fi
if ((status != 0)); then
    # No finding, yet clang-tidy failed: show why (for example a file that
    # does not compile).
    cat "$log"
    exit "$status"
fi
echo "clang-tidy: no findings."

# clazy, one process per file, over the same files. Qt's own headers and the
# generated moc and ui files are not ours to fix.
mapfile -t sources < <(python3 -c '
import json, re, sys
patterns = [re.compile(p) for p in sys.argv[2:]]
files = sorted({entry["file"] for entry in json.load(open(sys.argv[1]))})
print("\n".join(f for f in files if "_autogen" not in f and any(p.search(f) for p in patterns)))
' "$build_dir/compile_commands.json" "${patterns[@]}")
status=0
printf '%s\0' "${sources[@]}" | xargs -0 -n 1 -P "$(nproc)" clazy-standalone -p "$build_dir" \
    --checks=level0,level1,no-non-pod-global-static --ignore-dirs='(/usr/|_autogen)' --header-filter="^$root/(src|app)/" \
    -extra-arg=-Wno-gnu-zero-variadic-macro-arguments -extra-arg=-Wno-unknown-warning-option \
    >"$log" 2>&1 || status=$?
mapfile -t findings < <(sed -e 's#/[a-z]*/\.\./#/#g' "$log" \
    | grep -E '^/.*:[0-9]+:[0-9]+: (warning|error): ' | sort -u)
if ((${#findings[@]} > 0)); then
    printf '%s\n' "${findings[@]}"
    echo "clazy: ${#findings[@]} finding(s)." >&2
    exit 1
fi
if ((status != 0)); then
    cat "$log"
    exit "$status"
fi
echo "clazy: no findings in ${#sources[@]} files."
