#!/usr/bin/env bash
# Installs everything Gloo Console needs to build, run and test on Debian 12.
# Idempotent: packages already present are left alone, and apt-get is only
# called when something is missing.
set -euo pipefail

build_packages=(
    build-essential cmake ninja-build pkg-config
    qt6-base-dev qt6-base-dev-tools
    qt6-httpserver-dev qt6-websockets-dev qtkeychain-qt6-dev
    libgl-dev
)
runtime_packages=(
    libqt6network6 libqt6widgets6 qt6-qpa-plugins
    gnome-keyring dbus dbus-bin libsecret-1-0
)
# tst_tls makes its test certificates with the openssl tool.
test_packages=(
    xvfb xauth curl openssl
)
# scripts/bench.sh times programs with hyperfine and reads its JSON with jq.
bench_packages=(
    hyperfine jq curl
)
# The quality gates of .ci/run: clang for the fuzzers (libFuzzer lives in
# libclang-rt), clang-tidy, clang-format, and llvm's symbolizer, which turns
# sanitizer reports into file:line.
gate_packages=(
    clang-14 libclang-rt-14-dev clang-tidy-14 clang-format-14 llvm-14 clazy python3
)

wanted=("${build_packages[@]}" "${runtime_packages[@]}")
for arg in "$@"; do
    case "$arg" in
        --with-tests) wanted+=("${test_packages[@]}") ;;
        --with-bench) wanted+=("${bench_packages[@]}") ;;
        --with-gates) wanted+=("${test_packages[@]}" "${gate_packages[@]}") ;;
    esac
done

missing=()
for pkg in "${wanted[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$pkg")
    fi
done

if ((${#missing[@]} == 0)); then
    echo "All dependencies are installed."
    exit 0
fi

echo "Installing: ${missing[*]}"
sudo_cmd=()
if [[ $(id -u) -ne 0 ]]; then
    sudo_cmd=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -q
"${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
