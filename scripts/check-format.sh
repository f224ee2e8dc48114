#!/usr/bin/env bash
# Checks that every tracked C++ file under app/ src/ tests/ bench/ fuzz/ is
# laid out as .clang-format says, and lists the files that are not.
# With --fix, formats those files in place instead.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

"$root/scripts/install-deps.sh" --with-gates >/dev/null

# The layout rules differ between clang-format releases; the project's
# .clang-format is written for release 14, the one Debian 12 ships.
clang_format=${CLANG_FORMAT:-clang-format-14}

fix=false
case "${1:-}" in
    --fix) fix=true ;;
    "") ;;
    *) echo "usage: $0 [--fix]" >&2; exit 2 ;;
esac

# Tracked files only, so build folders and scratch files never count; the
# pathspecs that match nothing yet (bench/) are simply empty.
mapfile -t files < <(git ls-files -- \
    'app/*.cpp' 'app/*.h' 'src/*.cpp' 'src/*.h' 'tests/*.cpp' 'tests/*.h' \
    'bench/*.cpp' 'bench/*.h' 'fuzz/*.cpp' 'fuzz/*.h')

if $fix; then
    "$clang_format" -i --style=file "${files[@]}"
    echo "Formatted ${#files[@]} files."
    exit 0
fi

unformatted=()
for file in "${files[@]}"; do
    if ! "$clang_format" --dry-run --Werror --style=file "$file" >/dev/null 2>&1; then
        unformatted+=("$file")
    fi
done

if ((${#unformatted[@]} > 0)); then
    echo "Not formatted as .clang-format says (${#unformatted[@]} of ${#files[@]} files):" >&2
    printf '  %s\n' "${unformatted[@]}" >&2
    echo "Run scripts/check-format.sh --fix to format them." >&2
    exit 1
fi
echo "All ${#files[@]} files are formatted."
