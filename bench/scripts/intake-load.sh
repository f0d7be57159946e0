#!/usr/bin/env bash
# Intake load benchmark: `gatewatch loadgen` against `gatewatch serve` over syslog/TCP, RELP and the
# HTTP API, then the same TCP stream into rsyslog (imtcp, omfile) for comparison; every run on this
# machine, the generator included. After each gatewatch run the server is stopped and the journal
# is checked: each sequence number sent is stored exactly once (`loadgen --verify-data`).
# Prints a Markdown summary on standard output; progress and details go to standard error.
#
# usage: bench/scripts/intake-load.sh [options]
#   --tcp TIME           syslog/TCP run length (default 5m); 0 skips it
#   --relp TIME          RELP run length (default 60s); 0 skips it
#   --http TIME          HTTP run length (default 60s); 0 skips it
#   --rsyslog TIME       rsyslog run length (default 60s); 0 skips it
#   --tcp-connections N  (default 1)    --relp-connections N (default 2)   --relp-window N (default 1024)
#   --http-connections N (default 2)    --http-batch N (default 1000)
#   --keep               keep the work directory (journals, logs) instead of deleting it
# Environment: GATEWATCH_JAR (default: cli/target/gatewatch.jar, copied so that a rebuild during the
# runs changes nothing), GATEWATCH_SERVER_OPTS (JVM options of the server, default none),
# RSYSLOGD (default: rsyslogd on PATH, else /usr/sbin/rsyslogd).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# shellcheck source=../../.mvn/find-jdk.sh
. "$root/.mvn/find-jdk.sh"
gw_find_jdk || exit 1
java="$JAVA_HOME/bin/java"

tcp_time=5m relp_time=60s http_time=60s rsyslog_time=60s
tcp_connections=1 relp_connections=2 relp_window=1024 http_connections=2 http_batch=1000
keep=no
while [ $# -gt 0 ]; do
  case $1 in
    --tcp) tcp_time=$2; shift ;;
    --relp) relp_time=$2; shift ;;
    --http) http_time=$2; shift ;;
    --rsyslog) rsyslog_time=$2; shift ;;
    --tcp-connections) tcp_connections=$2; shift ;;
    --relp-connections) relp_connections=$2; shift ;;
    --relp-window) relp_window=$2; shift ;;
    --http-connections) http_connections=$2; shift ;;
    --http-batch) http_batch=$2; shift ;;
    --keep) keep=yes ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "intake-load: unknown option $1 (try --help)" >&2; exit 2 ;;
  esac
  shift
done

jar_source=${GATEWATCH_JAR:-$root/cli/target/gatewatch.jar}
if [ ! -f "$jar_source" ]; then
  echo "intake-load: no $jar_source; build it first: ./mvnw -q -B -DskipTests -pl cli -am package" >&2
  exit 1
fi
rsyslogd=${RSYSLOGD:-$(command -v rsyslogd || echo /usr/sbin/rsyslogd)}
server_opts=${GATEWATCH_SERVER_OPTS:-}

work=$(mktemp -d -t gatewatch-intake-load.XXXXXX)
pids=()
cleanup() {
  local p
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  if [ "$keep" = yes ]; then echo "intake-load: work directory kept: $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT
jar=$work/gatewatch.jar
cp "$jar_source" "$jar"

log() { echo "intake-load: $*" >&2; }
# The value of a member of the last JSON line of a file (flat members; strings without quotes).
field() { tail -n 1 "$1" | sed -n "s/.*\"$2\":\(\"[^\"]*\"\|[^,}]*\).*/\1/p" | tr -d '"'; }
now() { date +%s.%N; }
# Arithmetic on decimals: calc '%.2f' 'a / b'.
calc() { awk "BEGIN { printf \"$1\", ($2) }"; }
# 1234567 → 1,234,567
thousands() { echo "$1" | sed ':a; s/\B[0-9]\{3\}\>/,&/; ta'; }
# Peak resident memory (VmHWM) of a process, in MiB.
rss_peak_mib() { awk '/^VmHWM:/ { printf "%d", $2 / 1024 }' "/proc/$1/status"; }
# CPU time (user + system) a process has used, in seconds.
cpu_s() { sed 's/.*) //' "/proc/$1/stat" | awk -v hz="$(getconf CLK_TCK)" '{ printf "%.1f", ($12 + $13) / hz }'; }
# Samples a process's resident memory every 10 s into a file, until it ends.
sample_rss() { while [ -d "/proc/$1" ]; do awk '/^VmRSS:/ { printf "%d\n", $2 / 1024 }' "/proc/$1/status" 2>/dev/null >>"$2" || true; sleep 10; done; }
# Resident memory after the first minute and at the end, from the samples: flat means bounded.
rss_course() { awk 'NR == 7 { a = $1 } { z = $1 } END { if (a == "") a = "-"; printf "%s → %s", a, z }' "$1"; }

loadgen() { "$java" -jar "$jar" loadgen "$@"; }

rows=()
status=0

# run_gatewatch NAME PROTOCOL LISTENER TIME LOADGEN-OPTIONS...
run_gatewatch() {
  local name=$1 protocol=$2 listener=$3 time=$4
  shift 4
  local data=$work/$name
  mkdir -p "$data"
  log "$name: starting gatewatch serve"
  # shellcheck disable=SC2086
  "$java" $server_opts -jar "$jar" serve --data "$data" --host 127.0.0.1 --syslog-tcp-port 0 \
    --syslog-udp-port -1 --relp-port 0 --http-port 0 >/dev/null 2>"$work/$name-serve.log" &
  local server=$!
  pids+=("$server")
  local i
  for i in $(seq 600); do
    grep -q '"event":"started"' "$work/$name-serve.log" && break
    kill -0 "$server" 2>/dev/null || { cat "$work/$name-serve.log" >&2; log "$name: serve did not start"; exit 1; }
    sleep 0.1
  done
  local started key port http
  started=$(grep '"event":"started"' "$work/$name-serve.log")
  key=$(echo "$started" | sed -n 's/.*"default_intake_key":"\([^"]*\)".*/\1/p')
  port=$(echo "$started" | sed -n "s/.*\"$listener\":\"[^\"]*:\([0-9]*\)\".*/\1/p")
  http=$(echo "$started" | sed -n 's/.*"http":"[^"]*:\([0-9]*\)".*/\1/p')
  sample_rss "$server" "$work/$name-rss.txt" &
  pids+=("$!")

  log "$name: loadgen --protocol $protocol --duration $time $*"
  local out=$work/$name-loadgen.jsonl rc=0
  loadgen --protocol "$protocol" --port "$port" --key "$key" --duration "$time" "$@" | tee "$out" >&2 || rc=$?
  local ended sent
  ended=$(now)
  sent=$(field "$out" sent)
  # Until the journal has it all on disk (TCP has no acknowledgements): the end-to-end time.
  local durable=0
  for i in $(seq 600); do
    durable=$(curl -fsS "http://127.0.0.1:$http/metrics" | awk '/^gatewatch_journal_durable_offset/ { printf "%d", $2 }')
    [ "${durable:-0}" -ge "${sent:-0}" ] && break
    sleep 0.1
  done
  local drain
  drain=$(calc %.3f "$(now) - $ended")
  local rss cpu
  rss=$(rss_peak_mib "$server")
  cpu=$(cpu_s "$server")
  kill -TERM "$server"
  wait "$server" || true
  local stored
  stored=$(sed -n 's/.*"journal_end":\([0-9]*\).*/\1/p' "$work/$name-serve.log")
  log "$name: $(tail -n 1 "$work/$name-serve.log")"
  local verdict
  if loadgen --verify-data "$data" --key "$key" --count "$sent" >"$work/$name-verify.json"; then
    verdict="ok"
  else
    verdict="MISMATCH"
    status=1
  fi
  log "$name: $(cat "$work/$name-verify.json")"
  [ "$rc" -eq 0 ] || status=1
  local journal_mib
  journal_mib=$(du -sm "$data/journal" | cut -f1)
  local elapsed end_to_end latency="-"
  elapsed=$(field "$out" elapsed_s)
  end_to_end=$(calc %.0f "$sent / ($elapsed + $drain)")
  if [ "$protocol" != tcp ]; then
    latency="$(field "$out" p50) / $(field "$out" p99) / $(field "$out" max)"
  fi
  rows+=("| gatewatch | $protocol | $(field "$out" connections) | $elapsed s | $sent | $stored | $verdict | $(thousands "$(field "$out" events_per_second)") | $(thousands "$end_to_end") | $(field "$out" acked) | $(field "$out" errors) | $latency | $rss | $(rss_course "$work/$name-rss.txt") | $cpu | $(field "$out" cpu_s) | $journal_mib |")
  if [ "$protocol" = tcp ]; then tcp_rate=$end_to_end; fi
  [ "$keep" = yes ] || rm -rf "$data"
}

run_rsyslog() {
  local time=$1 dir=$work/rsyslog
  mkdir -p "$dir"
  cat >"$dir/rsyslog.conf" <<EOF
global(workDirectory="$dir")
# Throughput settings: large batches off the main queue, a large write buffer, no flush per batch.
main_queue(queue.size="200000" queue.dequeueBatchSize="1024")
module(load="imtcp")
input(type="imtcp" address="127.0.0.1" port="0" listenPortFileName="$dir/port")
template(name="raw" type="string" string="%rawmsg%\n")
action(type="omfile" file="$dir/out.log" template="raw" ioBufferSize="1m" flushOnTXEnd="off")
EOF
  log "rsyslog: starting $rsyslogd"
  "$rsyslogd" -f "$dir/rsyslog.conf" -i "$dir/rsyslogd.pid" -n >"$dir/rsyslogd.log" 2>&1 &
  local server=$!
  pids+=("$server")
  local i
  for i in $(seq 100); do [ -s "$dir/port" ] && break; sleep 0.1; done
  [ -s "$dir/port" ] || { cat "$dir/rsyslogd.log" >&2; log "rsyslogd did not start"; exit 1; }
  sample_rss "$server" "$work/rsyslog-rss.txt" &
  pids+=("$!")
  log "rsyslog: loadgen --protocol tcp --duration $time --connections $tcp_connections"
  local out=$work/rsyslog-loadgen.jsonl rc=0
  loadgen --protocol tcp --port "$(cat "$dir/port")" --key "rsyslog-comparison-key-0000" --duration "$time" \
    --connections "$tcp_connections" | tee "$out" >&2 || rc=$?
  local ended size=-1 last_growth
  ended=$(now)
  last_growth=$ended
  # Until the file stops growing for two seconds: rsyslog has written what it received.
  while true; do
    local s
    s=$(stat -c %s "$dir/out.log" 2>/dev/null || echo 0)
    if [ "$s" != "$size" ]; then size=$s; last_growth=$(now); fi
    if [ "$(calc %d "$(now) - $last_growth > 2")" = 1 ]; then break; fi
    sleep 0.2
  done
  local drain rss cpu
  drain=$(calc %.3f "$last_growth - $ended")
  rss=$(rss_peak_mib "$server")
  cpu=$(cpu_s "$server")
  kill -TERM "$server"
  wait "$server" || true
  local sent stored elapsed end_to_end verdict
  sent=$(field "$out" sent)
  stored=$(wc -l <"$dir/out.log")
  elapsed=$(field "$out" elapsed_s)
  end_to_end=$(calc %.0f "$sent / ($elapsed + $drain)")
  verdict=$([ "$stored" -eq "$sent" ] && echo "count ok" || echo "COUNT MISMATCH")
  [ "$rc" -eq 0 ] || status=1
  rows+=("| rsyslog $("$rsyslogd" -v | head -n 1 | awk '{ print $2 }') | tcp | $(field "$out" connections) | $elapsed s | $sent | $stored | $verdict | $(thousands "$(field "$out" events_per_second)") | $(thousands "$end_to_end") | | $(field "$out" errors) | - | $rss | $(rss_course "$work/rsyslog-rss.txt") | $cpu | $(field "$out" cpu_s) | $(( $(stat -c %s "$dir/out.log") / 1048576 )) |")
  rsyslog_rate=$end_to_end
  [ "$keep" = yes ] || rm -f "$dir/out.log"
}

tcp_rate="" rsyslog_rate=""
[ "$tcp_time" = 0 ] || run_gatewatch tcp tcp syslog_tcp "$tcp_time" --connections "$tcp_connections"
[ "$relp_time" = 0 ] || run_gatewatch relp relp relp "$relp_time" --connections "$relp_connections" --window "$relp_window"
[ "$http_time" = 0 ] || run_gatewatch http http http "$http_time" --connections "$http_connections" --batch "$http_batch"
[ "$rsyslog_time" = 0 ] || run_rsyslog "$rsyslog_time"

echo
echo "Machine: $(nproc) CPUs ($(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n 1)), $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo) RAM; $("$java" -version 2>&1 | head -n 1); server JVM options: ${server_opts:-none}."
echo
echo "| server | protocol | conn. | time | sent | stored | check | events/s sent | events/s end to end | acked | errors | ack latency p50 / p99 / max (ms) | RSS peak (MiB) | RSS 1 min → end (MiB) | server CPU (s) | loadgen CPU (s) | on disk (MiB) |"
echo "|---|---|---:|---:|---:|---:|---|---:|---:|---:|---:|---|---:|---|---:|---:|---:|"
printf '%s\n' "${rows[@]}"
if [ -n "$tcp_rate" ] && [ -n "$rsyslog_rate" ]; then
  echo
  echo "gatewatch / rsyslog over TCP, end to end: $(thousands "$tcp_rate") / $(thousands "$rsyslog_rate") = $(calc %.2f "$tcp_rate / $rsyslog_rate")×"
fi
exit "$status"
