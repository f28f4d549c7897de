#!/usr/bin/env bash
# Runs PaperLedge's four services (and, offline, the arXiv stand-in) as local processes from their
# built jars, against the infrastructure of deploy/local/infra.sh.
#
#   deploy/local/stack.sh up | down | status
#   deploy/local/stack.sh start|stop|kill SERVICE     (ingest-service, script-service, audio-service,
#                                                       publish-service, arxiv-standin)
#   deploy/local/stack.sh scale SERVICE N              (N instances of script-service or audio-service)
#
# Extra instances are named SERVICE-2, SERVICE-3, ... (start/stop/kill take those names too); each
# listens on the service's port + 100 per instance and joins the same Kafka consumer group, so the
# topic's partitions (3 by default) are shared among them. Each service's metrics and OpenAPI are on
# its management port, the service's port + 1000 (loopback only); health stays on the service's port.
# Build first (./mvnw -DskipTests install). Ports, folders and the infrastructure's addresses come
# from the same environment variables as infra.sh. Logs and PID files: $PAPERLEDGE_STATE_DIR/{logs,run}.
# The arXiv stand-in runs unless PAPERLEDGE_ARXIV_BASE_URL names another arXiv (e.g. the real one).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)

: "${PAPERLEDGE_STATE_DIR:=$root/.paperledge/local}"
: "${PAPERLEDGE_KAFKA_PORT:=9092}"
: "${PAPERLEDGE_S3_PORT:=9000}"
: "${PAPERLEDGE_PG_PORT:=5432}"
: "${PAPERLEDGE_DB_NAME:=paperledge}"
: "${PAPERLEDGE_INGEST_PORT:=8081}"
: "${PAPERLEDGE_SCRIPT_PORT:=8082}"
: "${PAPERLEDGE_AUDIO_PORT:=8083}"
: "${PAPERLEDGE_PUBLISH_PORT:=8080}"
: "${PAPERLEDGE_ARXIV_STANDIN_PORT:=8090}"
: "${PAPERLEDGE_ARXIV_FIXTURES:=$root/deploy/fixtures/arxiv}"
: "${PAPERLEDGE_SERVICE_HEAP:=192m}"
: "${PAPERLEDGE_AUDIO_HEAP:=512m}"
# The JVM's memory settings (measured in the root README's "Footprint"): the serial collector (two
# cores, small live sets) with a small young generation, so the heap the JVM touches stays near
# what is live; a bounded code cache; smaller thread stacks; the C heap given back to the system
# every 10 s (the JIT's and the Kafka client's peaks stay resident otherwise). The container image
# and the k8s manifests use the same flags.
: "${PAPERLEDGE_JVM_OPTS:=-XX:+UseSerialGC -Xms24m -XX:ReservedCodeCacheSize=48m -Xss512k -XX:+UnlockExperimentalVMOptions -XX:TrimNativeHeapInterval=10000 -XX:+ExitOnOutOfMemoryError}"
# Young generation sizes (empty: the JVM's own choice).
: "${PAPERLEDGE_SERVICE_YOUNG=12m}"
: "${PAPERLEDGE_AUDIO_YOUNG=48m}"
# glibc's malloc keeps an arena per thread that allocates; two are enough for these services.
: "${MALLOC_ARENA_MAX:=2}"
export MALLOC_ARENA_MAX

run="$PAPERLEDGE_STATE_DIR/run"
logs="$PAPERLEDGE_STATE_DIR/logs"
SERVICES=(ingest-service script-service audio-service publish-service)

log() { printf '[stack] %s\n' "$*" >&2; }
die() { printf '[stack] error: %s\n' "$*" >&2; exit 1; }

# What a component's command line names: its jar (the stand-in: the testkit jar).
jar_marker_of() {
  if [ "$1" = arxiv-standin ]; then echo "$root/deploy/testkit/target/testkit-"
  else echo "$root/$(base_of "$1")/target/quarkus-app/quarkus-run.jar"; fi
}

# The process exists and is not a zombie (kill -9 leaves one until it is reaped, and kill -0 still
# answers for it).
proc_alive() {
  local state
  [[ "$1" =~ ^[0-9]+$ ]] || return 1
  state=$(sed 's/^.*) //' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f1)
  case "$state" in ''|Z|X|x) return 1 ;; esac
}
# The PID file's process is alive and is that component: its command line names the component's
# jar (a PID the system has since given to another program does not count).
pid_running() {
  local name=$1 pid cmdline
  [ -f "$run/$name.pid" ] || return 1
  pid=$(cat "$run/$name.pid" 2>/dev/null)
  proc_alive "$pid" || return 1
  cmdline=$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null) || return 1
  [[ "$cmdline" == *"$(jar_marker_of "$name")"* ]]
}

# Live: running as above and listening on the component's port.
pid_live() {
  pid_running "$1" || return 1
  local pid port; pid=$(cat "$run/$1.pid"); port=$(port_of "$1")
  if command -v ss >/dev/null; then
    ss -Hltnp "sport = :$port" 2>/dev/null | grep -q "pid=$pid,"
  else
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null
  fi
}

standin_url="http://127.0.0.1:$PAPERLEDGE_ARXIV_STANDIN_PORT"
use_standin() { [ -z "${PAPERLEDGE_ARXIV_BASE_URL:-}" ] || [ "${PAPERLEDGE_ARXIV_BASE_URL}" = "$standin_url" ]; }

# "script-service-3" -> "script-service" and 3; a plain name is instance 1.
base_of() { case "$1" in *-service-[0-9]) echo "${1%-*}" ;; *) echo "$1" ;; esac; }
index_of() { case "$1" in *-service-[0-9]) echo "${1##*-}" ;; *) echo 1 ;; esac; }

port_of() {
  local base; base=$(base_of "$1")
  echo $(( $(base_port_of "$base") + 100 * ($(index_of "$1") - 1) ))
}

base_port_of() {
  case "$1" in
    ingest-service) echo "$PAPERLEDGE_INGEST_PORT" ;;
    script-service) echo "$PAPERLEDGE_SCRIPT_PORT" ;;
    audio-service) echo "$PAPERLEDGE_AUDIO_PORT" ;;
    publish-service) echo "$PAPERLEDGE_PUBLISH_PORT" ;;
    arxiv-standin) echo "$PAPERLEDGE_ARXIV_STANDIN_PORT" ;;
    *) die "unknown service $1" ;;
  esac
}

# A service's management port (metrics, OpenAPI): its port + 1000, per instance like the port.
management_port_of() { echo $(( $(port_of "$1") + 1000 )); }

ready_url() {
  if [ "$1" = arxiv-standin ]; then
    echo "$standin_url/api/query?id_list=0000.00000"
  else
    echo "http://127.0.0.1:$(port_of "$1")/q/health/ready"
  fi
}

# audio-service speaks with Debian's flite (the default engine) and listens with Debian's offline
# recogniser: installed once, when missing (deploy/local/install-packages.sh installs them with
# everything the tests use).
ensure_audio_packages() {
  local missing=()
  if [ "${PAPERLEDGE_SPEECH_ENGINE:-flite}" = flite ] || [ "${PAPERLEDGE_AUDIO_COHOST_ENGINE:-}" = flite ]; then
    command -v flite >/dev/null 2>&1 || missing+=(flite)
  fi
  if [ "${PAPERLEDGE_AUDIO_CHECK_ENABLED:-true}" != false ]; then
    command -v pocketsphinx_continuous >/dev/null 2>&1 || missing+=(pocketsphinx)
    [ -f /usr/share/pocketsphinx/model/en-us/en-us.lm.bin ] || missing+=(pocketsphinx-en-us)
  fi
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing ${missing[*]} (audio-service's speech engine and listening check)"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
}

start_one() {
  local name=$1 port; port=$(port_of "$name")
  local pidfile="$run/$name.pid"
  if pid_live "$name"; then
    log "$name already running (pid $(cat "$pidfile"))"
    return
  fi
  if pid_running "$name"; then
    # Ours but not on its port (hung, or still starting): replace it rather than wait on it.
    log "$name (pid $(cat "$pidfile")) does not hold :$port; stopping it"
    stop_one "$name"
  fi
  rm -f "$pidfile"
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && die "port $port for $name is taken by another process"
  local mport=""
  if [ "$name" != arxiv-standin ]; then
    mport=$(management_port_of "$name")
    (exec 3<>"/dev/tcp/127.0.0.1/$mport") 2>/dev/null \
      && die "management port $mport for $name is taken by another process"
  fi
  mkdir -p "$run" "$logs"
  local cmd
  if [ "$name" = arxiv-standin ]; then
    local jar; jar=$(ls "$root"/deploy/testkit/target/testkit-*.jar 2>/dev/null | grep -v -- '-sources\|-tests' | head -n1)
    [ -n "$jar" ] || die "testkit jar missing: build first (./mvnw -DskipTests install)"
    cmd=(java -Xmx64m -cp "$jar" dev.paperledge.testkit.ArxivStandIn)
  else
    local base; base=$(base_of "$name")
    local jar="$root/$base/target/quarkus-app/quarkus-run.jar"
    [ -f "$jar" ] || die "$jar missing: build first (./mvnw -DskipTests install)"
    local heap=$PAPERLEDGE_SERVICE_HEAP young=$PAPERLEDGE_SERVICE_YOUNG
    if [ "$base" = audio-service ]; then
      heap=$PAPERLEDGE_AUDIO_HEAP young=$PAPERLEDGE_AUDIO_YOUNG
      ensure_audio_packages
    fi
    # shellcheck disable=SC2206 # the options are words
    cmd=(java $PAPERLEDGE_JVM_OPTS ${young:+"-Xmn$young"} "-Xmx$heap" -jar "$jar")
  fi
  # Everything a service needs comes from the environment, the Quarkus way.
  local arxiv_url=${PAPERLEDGE_ARXIV_BASE_URL:-$standin_url}
  local fulltext_url=${PAPERLEDGE_ARXIV_FULLTEXT_BASE_URL:-}
  if [ -z "$fulltext_url" ]; then
    if use_standin; then fulltext_url=$standin_url; else fulltext_url=https://arxiv.org; fi
  fi
  # The "local" profile: a run on this machine, where the published operator key is allowed.
  QUARKUS_PROFILE=local \
  PAPERLEDGE_OPERATOR_API_KEY=${PAPERLEDGE_OPERATOR_API_KEY:-paperledge-local-operator-key} \
  QUARKUS_HTTP_PORT=$port \
  PAPERLEDGE_MANAGEMENT_PORT=$mport \
  PAPERLEDGE_ARXIV_STANDIN_PORT=$PAPERLEDGE_ARXIV_STANDIN_PORT \
  PAPERLEDGE_ARXIV_FIXTURES=$PAPERLEDGE_ARXIV_FIXTURES \
  PAPERLEDGE_ARXIV_BASE_URL=$arxiv_url \
  PAPERLEDGE_ARXIV_FULLTEXT_BASE_URL=$fulltext_url \
  PAPERLEDGE_KAFKA_BOOTSTRAP=${PAPERLEDGE_KAFKA_BOOTSTRAP:-127.0.0.1:$PAPERLEDGE_KAFKA_PORT} \
  PAPERLEDGE_S3_PORT=$PAPERLEDGE_S3_PORT \
  PAPERLEDGE_DB_URL=${PAPERLEDGE_DB_URL:-jdbc:postgresql://127.0.0.1:$PAPERLEDGE_PG_PORT/$PAPERLEDGE_DB_NAME} \
  PAPERLEDGE_PUBLIC_BASE_URL=${PAPERLEDGE_PUBLIC_BASE_URL:-http://localhost:$PAPERLEDGE_PUBLISH_PORT} \
    nohup "${cmd[@]}" >>"$logs/$name.log" 2>&1 &
  echo $! >"$pidfile"
  log "$name starting on :$port${mport:+ (management :$mport)} (pid $!, log $logs/$name.log)"
}

await_ready() {
  local name=$1 url; url=$(ready_url "$1")
  local deadline=$((SECONDS + ${PAPERLEDGE_START_TIMEOUT:-180}))
  until curl -fsS -o /dev/null --max-time 5 "$url" 2>/dev/null; do
    pid_running "$name" || die "$name exited during start-up; see $logs/$name.log"
    [ $SECONDS -lt $deadline ] || die "$name not ready after ${PAPERLEDGE_START_TIMEOUT:-180}s; see $logs/$name.log"
    sleep 0.5
  done
  log "$name ready"
}

stop_one() {
  local name=$1 signal=${2:-TERM} pidfile="$run/$1.pid"
  if pid_running "$name"; then
    local pid; pid=$(cat "$pidfile")
    kill "-$signal" "$pid" 2>/dev/null || true
    local deadline=$((SECONDS + 30))
    while proc_alive "$pid" && [ $SECONDS -lt $deadline ]; do sleep 0.2; done
    kill -9 "$pid" 2>/dev/null || true
    log "$name stopped ($signal)"
  fi
  rm -f "$pidfile"
}

components() {
  if use_standin; then echo arxiv-standin; fi
  printf '%s\n' "${SERVICES[@]}"
}

cmd_up() {
  local c
  for c in $(components); do start_one "$c"; done
  for c in $(components); do await_ready "$c"; done
}

# Extra instances (SERVICE-N) that have a PID file.
extras() {
  local f
  for f in "$run"/*-service-[0-9].pid; do [ -e "$f" ] && basename "$f" .pid; done
  return 0
}

cmd_down() {
  local c
  for c in $(extras); do stop_one "$c"; done
  for c in publish-service audio-service script-service ingest-service arxiv-standin; do stop_one "$c"; done
}

cmd_scale() {
  local name=$1 n=$2 k
  case "$name" in script-service|audio-service) ;; *) die "only script-service and audio-service scale out" ;; esac
  [[ "$n" =~ ^[1-9]$ ]] || die "instances must be 1-9, not '$n'"
  for k in $(seq 2 9); do
    if [ "$k" -gt "$n" ]; then stop_one "$name-$k"; fi
  done
  for k in $(seq 1 "$n"); do
    if [ "$k" -eq 1 ]; then start_one "$name"; else start_one "$name-$k"; fi
  done
  for k in $(seq 1 "$n"); do
    if [ "$k" -eq 1 ]; then await_ready "$name"; else await_ready "$name-$k"; fi
  done
}

cmd_status() {
  local c rc=0
  for c in $(components) $(extras); do
    if pid_live "$c" && curl -fsS -o /dev/null --max-time 3 "$(ready_url "$c")" 2>/dev/null; then
      printf '%-16s up    :%s pid %s\n' "$c" "$(port_of "$c")" "$(cat "$run/$c.pid")"
    else
      printf '%-16s down  :%s\n' "$c" "$(port_of "$c")"; rc=1
    fi
  done
  return $rc
}

case "${1:-}" in
  up) cmd_up ;;
  down) cmd_down ;;
  status) cmd_status ;;
  start) start_one "$2"; await_ready "$2" ;;
  stop) stop_one "$2" ;;
  kill) stop_one "$2" KILL ;;
  scale) cmd_scale "$2" "$3" ;;
  *) echo "usage: $0 up|down|status|start SERVICE|stop SERVICE|kill SERVICE|scale SERVICE N" >&2; exit 2 ;;
esac
