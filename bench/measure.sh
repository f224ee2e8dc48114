#!/usr/bin/env bash
# Runs every benchmark against an existing build and prints the table.
# scripts/bench.sh builds first and sets up the session this expects: a
# display (offscreen or Xvfb), a D-Bus session with a keyring, a throwaway
# HOME, and GLOO_BUILD_DIR, GLOO_BENCH_MODE (full or quick) and
# GLOO_BENCH_PLATFORM.
set -euo pipefail
build_dir=${GLOO_BUILD_DIR:?}
mode=${GLOO_BENCH_MODE:-full}
platform=${GLOO_BENCH_PLATFORM:-offscreen}
app=$build_dir/app/gloo-console
cli=$build_dir/app/gloo-console-cli
sandbox=$build_dir/app/gloo-sandbox
bare=$build_dir/bench/barewindow
bench=$build_dir/bench/gloo-bench

if [[ $mode == quick ]]; then
    start_rounds=1 start_runs=3 memory_runs=1 request_rounds=5 process_runs=3
    stream_events=1000 response_mb=2 history_entries=1000 repeats=1
else
    start_rounds=5 start_runs=8 memory_runs=5 request_rounds=30 process_runs=20
    stream_events=10000 response_mb=20 history_entries=10000 repeats=5
fi

work=$(mktemp -d /tmp/gloo-bench.XXXXXX)
logs=$work/logs
mkdir -p "$logs"
sandbox_pid=
cleanup() {
    if [[ -n $sandbox_pid ]]; then
        kill "$sandbox_pid" 2>/dev/null || true
        wait "$sandbox_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

declare -A fig=()
failures=()

# record NAME VALUE: keeps a figure for the table.
record() { fig[$1]=$2; }

# failed WHAT LOG: notes a benchmark that could not run, with its log's end.
failed() {
    failures+=("$1")
    echo "!! $1 failed; the end of its log:" >&2
    tail -n 20 "$2" >&2 || true
}

# gloo_bench LOGNAME ARGS...: runs a gloo-bench subcommand and records the
# "name value" lines it prints.
gloo_bench() {
    local name=$1
    shift
    local output
    if output=$("$bench" "$@" 2>"$logs/$name.log"); then
        while read -r key value; do record "$key" "$value"; done <<<"$output"
    else
        failed "$name" "$logs/$name.log"
    fi
}

# hyperfine_medians LOGNAME RUNS COMMAND...: times each command with
# hyperfine (no shell in between) and prints their medians in ms, one a line.
hyperfine_medians() {
    local name=$1 runs=$2
    shift 2
    hyperfine -N --style basic --warmup 2 --runs "$runs" \
        --export-json "$work/$name.json" "$@" >"$logs/$name.log" 2>&1 || return 1
    jq -r '.results[].median * 1000' "$work/$name.json"
}

echo "==== Benchmarks ($mode mode, $platform platform)"

# 1. Start-up to the first painted window, against the bare window program,
# on a real X server (Xvfb) and on the offscreen platform. The offscreen
# platform has no display server, so it leaves out what every real start pays
# (connecting to the display, making the native window, sending the frame) and
# weighs the program's own work more. The two programs take turns in rounds,
# so that a machine getting busier or quieter weighs on both alike.
# start_up KEY PLATFORM: records start.KEY_app_ms and start.KEY_bare_ms.
start_up() {
    local key=$1 qpa=$2 round
    for ((round = 0; round < start_rounds; round++)); do
        QT_QPA_PLATFORM=$qpa hyperfine -N --style basic --warmup 2 --runs "$start_runs" \
            --export-json "$work/start-$key-$round.json" \
            "$app --quit-after-first-paint" "$bare --quit-after-first-paint" \
            >>"$logs/start-$key.log" 2>&1 || return 1
    done
    local median='sort | if length % 2 == 1 then .[length / 2 | floor]
                         else (.[length / 2 - 1] + .[length / 2]) / 2 end | . * 1000'
    record "start.${key}_app_ms" "$(jq -s "[.[].results[0].times[]] | $median" \
        "$work"/start-"$key"-*.json)"
    record "start.${key}_bare_ms" "$(jq -s "[.[].results[1].times[]] | $median" \
        "$work"/start-"$key"-*.json)"
}
echo "-- start-up"
if [[ -n ${DISPLAY:-} ]]; then
    start_up x11 xcb || failed "start-up (X11)" "$logs/start-x11.log"
else
    echo "No X server: start-up is measured on the offscreen platform only." >&2
fi
start_up offscreen offscreen || failed "start-up (offscreen)" "$logs/start-offscreen.log"

# 2. Memory once started and idle for a second. Start-up is given its
# measured median time (or 2 s) before the idle second begins.
echo "-- memory"
idle_s=$(awk -v ms="${fig[start.offscreen_app_ms]:-2000}" 'BEGIN { printf "%.2f", ms / 1000 + 1 }')
# resident KIND BINARY: prints "VmRSS VmHWM" in kB of one started program.
resident() {
    local pid rss hwm
    "$2" >>"$logs/memory-$1.log" 2>&1 &
    pid=$!
    sleep "$idle_s"
    rss=$(awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status" 2>/dev/null || true)
    hwm=$(awk '/^VmHWM:/ { print $2 }' "/proc/$pid/status" 2>/dev/null || true)
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    [[ -n $rss && -n $hwm ]] && echo "$rss $hwm"
}
median_of() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2];
                                                 else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
for kind in app bare; do
    binary=$app
    [[ $kind == bare ]] && binary=$bare
    samples=()
    for ((i = 0; i < memory_runs; i++)); do
        if sample=$(resident "$kind" "$binary"); then samples+=("$sample"); fi
    done
    if ((${#samples[@]} == memory_runs)); then
        record "memory.${kind}_rss_mb" \
            "$(printf '%s\n' "${samples[@]}" | awk '{ print $1 / 1024 }' | median_of)"
        record "memory.${kind}_hwm_mb" \
            "$(printf '%s\n' "${samples[@]}" | awk '{ print $2 / 1024 }' | median_of)"
    else
        failed "memory ($kind)" "$logs/memory-$kind.log"
    fi
done

# 3. Token exchange plus one completion against gloo-sandbox, through the
# client code and through curl.
echo "-- request"
"$sandbox" --port 0 >"$logs/sandbox.log" 2>&1 &
sandbox_pid=$!
base=
for _ in $(seq 1 100); do
    base=$(sed -n 's/^Gloo sandbox listening on \(http[^ ]*\).*/\1/p' "$logs/sandbox.log")
    [[ -n $base ]] && break
    sleep 0.1
done
client_id=sandbox-client client_secret=sandbox-secret
body='{"messages":[{"role":"user","content":"Hello"}],"auto_routing":true}'
printf '%s' "$body" >"$work/body.json"

# The same two requests as whole programs: the headless client against a
# POSIX shell script running two curl processes (the token is cut out with
# sed, since starting jq would cost more than the requests themselves).
cat >"$work/curl-pair.sh" <<SCRIPT
#!/bin/sh
set -eu
token=\$(curl -sS -u '$client_id:$client_secret' \\
    -d 'grant_type=client_credentials&scope=api/access' '$base/oauth2/token' \\
    | sed -n 's/.*"access_token": *"\([^"]*\)".*/\1/p')
curl -sS -f -o /dev/null -H "Authorization: Bearer \$token" -H 'Content-Type: application/json' \\
    --data-binary @'$work/body.json' '$base/ai/v2/chat/completions'
SCRIPT
chmod +x "$work/curl-pair.sh"

if [[ -z $base ]]; then
    failed "request (gloo-sandbox did not start)" "$logs/sandbox.log"
else
    # The client code, a bare QNetworkAccessManager and curl (timed by its
    # own time_total, which leaves out starting the process) take turns.
    gloo_bench request request --base-url "$base" --iterations "$request_rounds" \
        --client-id "$client_id" --client-secret "$client_secret" --curl "$(command -v curl)"
    export GLOO_CLIENT_ID=$client_id GLOO_CLIENT_SECRET=$client_secret
    if medians=$(hyperfine_medians process "$process_runs" \
        "$cli request POST /ai/v2/chat/completions --base-url $base --data @$work/body.json" \
        "$work/curl-pair.sh"); then
        record process.cli_ms "$(sed -n 1p <<<"$medians")"
        record process.curl_ms "$(sed -n 2p <<<"$medians")"
    else
        failed "request (whole programs)" "$logs/process.log"
    fi
fi

# 4. to 6. In-process: streaming in the chat view, a large answer in the
# request console, a long history.
echo "-- stream"
gloo_bench stream stream --events "$stream_events" --repeat "$repeats"
echo "-- response"
gloo_bench response response --megabytes "$response_mb" --repeat "$repeats"
echo "-- history"
gloo_bench history history --entries "$history_entries" --repeat "$repeats"

# The table. A missing figure (its benchmark failed) shows as "failed".
f() { [[ -n ${fig[$1]:-} ]] && printf '%.0f' "${fig[$1]}" || printf 'failed'; }
f1() { [[ -n ${fig[$1]:-} ]] && printf '%.1f' "${fig[$1]}" || printf 'failed'; }
ratio() {
    if [[ -n ${fig[$1]:-} && -n ${fig[$2]:-} ]]; then
        awk -v a="${fig[$1]}" -v b="${fig[$2]}" 'BEGIN { if (b > 0) printf "%.2f×", a / b;
                                                          else printf "–" }'
    else
        printf '–'
    fi
}
difference() {
    if [[ -n ${fig[$1]:-} && -n ${fig[$2]:-} ]]; then
        awk -v a="${fig[$1]}" -v b="${fig[$2]}" 'BEGIN { printf "%+.1f MB", a - b }'
    else
        printf '–'
    fi
}
# within CONDITION: "yes"/"no" for an awk condition over the figures a and b.
within() {
    local a=${fig[$2]:-} b=${fig[${3:-$2}]:-}
    [[ -z $a || -z $b ]] && { printf '–'; return; }
    awk -v a="$a" -v b="$b" "BEGIN { print ($1) ? \"yes\" : \"no\" }"
}
# within_at_size: the same, for targets set for the full sizes only.
within_at_size() {
    if [[ $mode == quick ]]; then printf 'n/a'; else within "$@"; fi
}

cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
memory_gb=$(awk '/^MemTotal:/ { printf "%.0f", $2 / 1048576 }' /proc/meminfo)
qt_version=$(dpkg-query -W -f='${Version}' libqt6core6 2>/dev/null || echo unknown)
events=$(f stream.events)
megabytes=$(f response.megabytes)
entries=$(f history.entries)
table=$work/table.md
{
    echo "Machine: $(nproc) cores, $cpu, ${memory_gb} GB; Qt $qt_version;" \
        "$platform platform; $mode mode; $(date -u '+%Y-%m-%d')."
    echo
    echo "| Benchmark | Figure | Baseline (same run) | Ratio | Target | Met |"
    echo "| --- | --- | --- | --- | --- | --- |"
    for key in x11 offscreen; do
        [[ $key == x11 ]] && where="X server (Xvfb)" || where="offscreen platform"
        echo "| Start to first painted window, $where | $(f start.${key}_app_ms) ms |" \
            "bare window $(f start.${key}_bare_ms) ms |" \
            "$(ratio start.${key}_app_ms start.${key}_bare_ms) | ≤ 1.5× |" \
            "$(within 'a <= 1.5 * b' start.${key}_app_ms start.${key}_bare_ms) |"
    done
    echo "| Resident memory, started + 1 s idle (VmRSS) | $(f1 memory.app_rss_mb) MB |" \
        "bare window $(f1 memory.bare_rss_mb) MB |" \
        "$(difference memory.app_rss_mb memory.bare_rss_mb) |" \
        "≤ +30 MB | $(within 'a - b <= 30' memory.app_rss_mb memory.bare_rss_mb) |"
    echo "| Peak resident memory (VmHWM) | $(f1 memory.app_hwm_mb) MB |" \
        "bare window $(f1 memory.bare_hwm_mb) MB |" \
        "$(difference memory.app_hwm_mb memory.bare_hwm_mb) | – | – |"
    echo "| Token + completion, client code (new client each time) |" \
        "$(f1 request.client_ms) ms | curl $(f1 request.curl_ms) ms (time_total) |" \
        "$(ratio request.client_ms request.curl_ms) | ≤ 1× curl |" \
        "$(within 'a <= b' request.client_ms request.curl_ms) |"
    echo "| Token + completion, client code | $(f1 request.client_ms) ms |" \
        "bare QNetworkAccessManager $(f1 request.qnam_ms) ms |" \
        "$(ratio request.client_ms request.qnam_ms) | – | – |"
    echo "| Token + completion, bare QNetworkAccessManager | $(f1 request.qnam_ms) ms |" \
        "curl $(f1 request.curl_ms) ms (time_total) |" \
        "$(ratio request.qnam_ms request.curl_ms) | – | – |"
    echo "| Token + completion, whole programs | gloo-console-cli $(f process.cli_ms) ms |" \
        "2 curl processes $(f process.curl_ms) ms | $(ratio process.cli_ms process.curl_ms) |" \
        "– | – |"
    echo "| Streamed answer, $events events: total | $(f stream.total_ms) ms |" \
        "transfer only $(f stream.transfer_total_ms) ms |" \
        "$(ratio stream.total_ms stream.transfer_total_ms) | – | – |"
    echo "| Streamed answer, $events events: longest stall | $(f1 stream.stall_ms) ms |" \
        "transfer only $(f1 stream.transfer_stall_ms) ms |" \
        "$(ratio stream.stall_ms stream.transfer_stall_ms) | < 16 ms |" \
        "$(within_at_size 'a < 16' stream.stall_ms) |"
    echo "| $megabytes MB JSON in the console: until shown | $(f response.total_ms) ms |" \
        "transfer only $(f response.transfer_total_ms) ms |" \
        "$(ratio response.total_ms response.transfer_total_ms) | < 1000 ms |" \
        "$(within_at_size 'a < 1000' response.total_ms) |"
    echo "| $megabytes MB JSON in the console: longest stall | $(f1 response.stall_ms) ms |" \
        "transfer only $(f1 response.transfer_stall_ms) ms |" \
        "$(ratio response.stall_ms response.transfer_stall_ms) | < 50 ms |" \
        "$(within_at_size 'a < 50' response.stall_ms) |"
    echo "| History of $entries requests: loaded and shown | $(f history.shown_ms) ms |" \
        "plain list $(f history.plain_ms) ms | $(ratio history.shown_ms history.plain_ms) |" \
        "< 200 ms | $(within_at_size 'a < 200' history.shown_ms) |"
    echo
    echo "Medians: start-up $((start_rounds * start_runs)) runs on each platform, memory $memory_runs, requests $request_rounds," \
        "whole programs $process_runs, streaming, console and history $repeats each" \
        "(the history after one warm-up)."
    if [[ $mode == quick ]]; then
        echo "Quick mode: small sizes, so the targets for sizes do not apply."
    fi
} >"$table"

echo
cat "$table"
cp "$table" "$build_dir/bench-results.md"

if ((${#failures[@]} > 0)); then
    echo
    echo "Benchmarks that could not run: ${failures[*]}" >&2
    exit 1
fi
