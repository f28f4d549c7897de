#!/usr/bin/env bash
# PaperLedge's local infrastructure without Docker: a single-node KRaft Kafka broker and an S3Proxy
# server, both from Maven Central jars, and PostgreSQL from Debian's packages.
#
#   deploy/local/infra.sh up | down | status | reset
#   deploy/local/infra.sh stop|start kafka|s3|postgresql      (one component, for fault tests)
#
# Idempotent: `up` starts only what is not running and creates only what is missing. Ports, folders
# and names come from the environment (defaults below). State (jars, data, logs, PID files) lives in
# $PAPERLEDGE_STATE_DIR, never in git.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)

: "${PAPERLEDGE_STATE_DIR:=$root/.paperledge/local}"
: "${PAPERLEDGE_KAFKA_PORT:=9092}"
: "${PAPERLEDGE_KAFKA_CONTROLLER_PORT:=9093}"
: "${PAPERLEDGE_S3_PORT:=9000}"
: "${PAPERLEDGE_S3_ACCESS_KEY:=minioadmin}"
: "${PAPERLEDGE_S3_SECRET_KEY:=minioadmin}"
: "${PAPERLEDGE_S3_BUCKET:=paperledge}"
: "${PAPERLEDGE_PG_PORT:=5432}"
: "${PAPERLEDGE_PG_CLUSTER:=paperledge}"
: "${PAPERLEDGE_DB_NAME:=paperledge}"
: "${PAPERLEDGE_DB_USER:=paperledge}"
: "${PAPERLEDGE_DB_PASSWORD:=paperledge}"
: "${PAPERLEDGE_TOPIC_PARTITIONS:=3}"
: "${PAPERLEDGE_KAFKA_VERSION:=4.1.1}"
: "${PAPERLEDGE_S3PROXY_VERSION:=4.1.0}"

# Every topic the pipeline uses; the services declare which they read and write (Topics.ALL).
TOPICS=(papers.ingested scripts.ready audio.ready episodes.published pipeline.failures pipeline.retries
        papers.ingested.dlq scripts.ready.dlq audio.ready.dlq subscriptions)
# Topics that hold state, the latest value per key (Topics.COMPACTED): created with cleanup.policy=compact.
COMPACTED_TOPICS=(subscriptions)

lib="$PAPERLEDGE_STATE_DIR/lib"
run="$PAPERLEDGE_STATE_DIR/run"
logs="$PAPERLEDGE_STATE_DIR/logs"
data="$PAPERLEDGE_STATE_DIR/data"

log() { printf '[infra] %s\n' "$*" >&2; }
die() { printf '[infra] error: %s\n' "$*" >&2; exit 1; }

mvn_cmd() {
  if [ -x "$root/mvnw" ]; then "$root/mvnw" "$@"; else mvn "$@"; fi
}

# wait_for DESCRIPTION SECONDS COMMAND...: polls COMMAND until it succeeds.
wait_for() {
  local what=$1 secs=$2; shift 2
  local deadline=$((SECONDS + secs))
  until "$@" >/dev/null 2>&1; do
    [ $SECONDS -lt $deadline ] || return 1
    sleep 0.5
  done
  log "$what ready"
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

pid_alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

# ---------------------------------------------------------------------------------------------
# Kafka
fetch_kafka() {
  local dir="$lib/kafka-$PAPERLEDGE_KAFKA_VERSION"
  if [ ! -f "$dir/.complete" ]; then
    log "fetching Kafka $PAPERLEDGE_KAFKA_VERSION jars from Maven Central"
    mkdir -p "$dir"
    mvn_cmd -q -f "$here/fetch/pom.xml" dependency:copy-dependencies -DincludeScope=runtime \
      -Dkafka.version="$PAPERLEDGE_KAFKA_VERSION" -DoutputDirectory="$dir" >&2
    touch "$dir/.complete"
  fi
  echo "$dir"
}

kafka_java() {
  java -Xms128m -Xmx512m -Dlog4j2.configurationFile="$here/log4j2.xml" -cp "$kafka_lib/*" "$@"
}

kafka_up() {
  kafka_lib=$(fetch_kafka)
  local conf="$run/kafka.properties" dir="$data/kafka"
  if pid_alive "$run/kafka.pid"; then
    log "Kafka already running (pid $(cat "$run/kafka.pid"))"
  else
    port_open "$PAPERLEDGE_KAFKA_PORT" && die "port $PAPERLEDGE_KAFKA_PORT is taken by another process"
    mkdir -p "$dir"
    cat >"$conf" <<EOF
process.roles=broker,controller
node.id=1
controller.quorum.bootstrap.servers=127.0.0.1:$PAPERLEDGE_KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$PAPERLEDGE_KAFKA_PORT,CONTROLLER://127.0.0.1:$PAPERLEDGE_KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$PAPERLEDGE_KAFKA_PORT
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$dir
num.partitions=$PAPERLEDGE_TOPIC_PARTITIONS
offsets.topic.replication.factor=1
offsets.topic.num.partitions=3
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=false
EOF
    if [ ! -f "$dir/meta.properties" ]; then
      local id
      id=$(kafka_java kafka.tools.StorageTool random-uuid | tail -n1)
      kafka_java kafka.tools.StorageTool format --standalone -t "$id" -c "$conf" >>"$logs/kafka-format.log" 2>&1
      log "Kafka storage formatted"
    fi
    nohup java -Xms128m -Xmx512m -Dlog4j2.configurationFile="$here/log4j2.xml" \
      -cp "$kafka_lib/*" kafka.Kafka "$conf" >>"$logs/kafka.log" 2>&1 &
    echo $! >"$run/kafka.pid"
    log "Kafka starting (pid $!, log $logs/kafka.log)"
  fi
  wait_for "Kafka on :$PAPERLEDGE_KAFKA_PORT" 90 kafka_java org.apache.kafka.tools.TopicCommand \
    --bootstrap-server "127.0.0.1:$PAPERLEDGE_KAFKA_PORT" --list ||
    die "Kafka did not become ready; see $logs/kafka.log"
  local existing t
  existing=$(kafka_java org.apache.kafka.tools.TopicCommand --bootstrap-server "127.0.0.1:$PAPERLEDGE_KAFKA_PORT" --list 2>/dev/null)
  for t in "${TOPICS[@]}"; do
    local config=() kind=""
    if [[ " ${COMPACTED_TOPICS[*]} " == *" $t "* ]]; then
      config=(--config cleanup.policy=compact)
      kind=", compacted"
    fi
    if ! grep -qx "$t" <<<"$existing"; then
      kafka_java org.apache.kafka.tools.TopicCommand --bootstrap-server "127.0.0.1:$PAPERLEDGE_KAFKA_PORT" \
        --create --if-not-exists --topic "$t" --partitions "$PAPERLEDGE_TOPIC_PARTITIONS" --replication-factor 1 \
        "${config[@]}" >/dev/null
      log "topic $t created ($PAPERLEDGE_TOPIC_PARTITIONS partitions$kind)"
    elif [ -n "$kind" ] && ! kafka_java org.apache.kafka.tools.TopicCommand \
        --bootstrap-server "127.0.0.1:$PAPERLEDGE_KAFKA_PORT" --describe --topic "$t" 2>/dev/null |
        grep -q "cleanup.policy=compact"; then
      # Made before it was declared compacted (or by hand): set the policy, keep the data.
      kafka_java kafka.admin.ConfigCommand --bootstrap-server "127.0.0.1:$PAPERLEDGE_KAFKA_PORT" --alter \
        --entity-type topics --entity-name "$t" --add-config cleanup.policy=compact >/dev/null
      log "topic $t set to cleanup.policy=compact"
    fi
  done
}

# ---------------------------------------------------------------------------------------------
# S3Proxy: a real S3 API server over a folder (MinIO or any S3 takes its place in production).
fetch_s3proxy() {
  local jar="$lib/s3proxy-$PAPERLEDGE_S3PROXY_VERSION.jar"
  if [ ! -f "$jar" ]; then
    log "fetching S3Proxy $PAPERLEDGE_S3PROXY_VERSION from Maven Central"
    mkdir -p "$lib"
    mvn_cmd -q dependency:copy -Dartifact="org.gaul:s3proxy:$PAPERLEDGE_S3PROXY_VERSION:jar:jar-with-dependencies" \
      -DoutputDirectory="$lib/tmp-s3proxy" >&2
    mv "$lib"/tmp-s3proxy/s3proxy-*.jar "$jar"
    rmdir "$lib/tmp-s3proxy"
  fi
  echo "$jar"
}

s3_up() {
  local jar; jar=$(fetch_s3proxy)
  local conf="$run/s3proxy.properties" dir="$data/s3"
  # With the filesystem provider a bucket is a folder: creating it here is creating the bucket.
  mkdir -p "$dir/$PAPERLEDGE_S3_BUCKET"
  if pid_alive "$run/s3proxy.pid"; then
    log "S3Proxy already running (pid $(cat "$run/s3proxy.pid"))"
  else
    port_open "$PAPERLEDGE_S3_PORT" && die "port $PAPERLEDGE_S3_PORT is taken by another process"
    cat >"$conf" <<EOF
s3proxy.endpoint=http://127.0.0.1:$PAPERLEDGE_S3_PORT
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=$PAPERLEDGE_S3_ACCESS_KEY
s3proxy.credential=$PAPERLEDGE_S3_SECRET_KEY
jclouds.provider=filesystem
jclouds.filesystem.basedir=$dir
EOF
    chmod 600 "$conf"
    nohup java -Xmx256m -jar "$jar" --properties "$conf" >>"$logs/s3proxy.log" 2>&1 &
    echo $! >"$run/s3proxy.pid"
    log "S3Proxy starting (pid $!, log $logs/s3proxy.log)"
  fi
  wait_for "S3 on :$PAPERLEDGE_S3_PORT" 60 port_open "$PAPERLEDGE_S3_PORT" ||
    die "S3Proxy did not become ready; see $logs/s3proxy.log"
}

# ---------------------------------------------------------------------------------------------
# PostgreSQL: a cluster of our own (port from configuration) in Debian's postgresql.
pg_version() { ls /usr/lib/postgresql 2>/dev/null | sort -n | tail -n1; }

psql_admin() { su postgres -c "psql -p $PAPERLEDGE_PG_PORT -v ON_ERROR_STOP=1 -qAt $*"; }

pg_up() {
  if [ -z "$(pg_version)" ] || ! command -v pg_createcluster >/dev/null; then
    log "installing PostgreSQL from Debian's packages"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2 && apt-get install -y -qq postgresql >&2
  fi
  local v; v=$(pg_version)
  if ! pg_lsclusters -h | awk '{print $2}' | grep -qx "$PAPERLEDGE_PG_CLUSTER"; then
    pg_createcluster "$v" "$PAPERLEDGE_PG_CLUSTER" --port "$PAPERLEDGE_PG_PORT" >/dev/null
    log "PostgreSQL cluster $v/$PAPERLEDGE_PG_CLUSTER created on port $PAPERLEDGE_PG_PORT"
  fi
  if ! pg_lsclusters -h | awk -v c="$PAPERLEDGE_PG_CLUSTER" '$2==c {print $4}' | grep -qx online; then
    pg_ctlcluster "$v" "$PAPERLEDGE_PG_CLUSTER" start
  fi
  wait_for "PostgreSQL on :$PAPERLEDGE_PG_PORT" 60 pg_isready -q -h 127.0.0.1 -p "$PAPERLEDGE_PG_PORT" ||
    die "PostgreSQL did not become ready"
  pg_ensure_db "$PAPERLEDGE_DB_NAME"
}

# pg_ensure_db NAME: the role and the database, created only when missing. Each service keeps
# its tables in a schema of its own (created by its Flyway migrations).
pg_ensure_db() {
  local db=$1
  if [ "$(psql_admin "-c \"SELECT 1 FROM pg_roles WHERE rolname='$PAPERLEDGE_DB_USER'\"")" != 1 ]; then
    psql_admin "-c \"CREATE ROLE $PAPERLEDGE_DB_USER LOGIN PASSWORD '$PAPERLEDGE_DB_PASSWORD'\""
    log "role $PAPERLEDGE_DB_USER created"
  fi
  if [ "$(psql_admin "-c \"SELECT 1 FROM pg_database WHERE datname='$db'\"")" != 1 ]; then
    psql_admin "-c \"CREATE DATABASE $db OWNER $PAPERLEDGE_DB_USER\""
    log "database $db created"
  fi
}

pg_drop_db() {
  psql_admin "-c \"DROP DATABASE IF EXISTS $1 WITH (FORCE)\""
}

# ---------------------------------------------------------------------------------------------
stop_pid() {
  local name=$1 pidfile="$run/$1.pid"
  if pid_alive "$pidfile"; then
    local pid; pid=$(cat "$pidfile")
    kill "$pid" 2>/dev/null || true
    local deadline=$((SECONDS + 30))
    while kill -0 "$pid" 2>/dev/null && [ $SECONDS -lt $deadline ]; do sleep 0.3; done
    kill -9 "$pid" 2>/dev/null || true
    log "$name stopped"
  fi
  rm -f "$pidfile"
}

status_line() {
  local name=$1 ok=$2 detail=$3
  printf '%-11s %-8s %s\n' "$name" "$ok" "$detail"
}

cmd_status() {
  local rc=0
  if pid_alive "$run/kafka.pid" && port_open "$PAPERLEDGE_KAFKA_PORT"; then
    status_line kafka up "127.0.0.1:$PAPERLEDGE_KAFKA_PORT pid $(cat "$run/kafka.pid")"
  else status_line kafka down "port $PAPERLEDGE_KAFKA_PORT"; rc=1; fi
  if pid_alive "$run/s3proxy.pid" && port_open "$PAPERLEDGE_S3_PORT"; then
    status_line s3 up "http://127.0.0.1:$PAPERLEDGE_S3_PORT bucket $PAPERLEDGE_S3_BUCKET pid $(cat "$run/s3proxy.pid")"
  else status_line s3 down "port $PAPERLEDGE_S3_PORT"; rc=1; fi
  if pg_isready -q -h 127.0.0.1 -p "$PAPERLEDGE_PG_PORT" 2>/dev/null; then
    status_line postgresql up "127.0.0.1:$PAPERLEDGE_PG_PORT database $PAPERLEDGE_DB_NAME"
  else status_line postgresql down "port $PAPERLEDGE_PG_PORT"; rc=1; fi
  echo "state: $PAPERLEDGE_STATE_DIR"
  return $rc
}

cmd_up() {
  mkdir -p "$lib" "$run" "$logs" "$data"
  pg_up
  # The database belongs with this folder's Kafka and S3 data. One they did not start with (left by
  # another checkout or by data that was deleted) names episodes this S3 does not hold: start over.
  if [ ! -f "$data/database" ]; then
    pg_drop_db "$PAPERLEDGE_DB_NAME"
    pg_ensure_db "$PAPERLEDGE_DB_NAME"
    echo "$PAPERLEDGE_DB_NAME" >"$data/database"
    log "database $PAPERLEDGE_DB_NAME starts empty with the new data in $data"
  fi
  s3_up
  kafka_up
  cmd_status >&2
}

cmd_down() {
  stop_pid kafka
  stop_pid s3proxy
  # PostgreSQL is shared by every state folder (databases tell them apart): `down` leaves it
  # running unless asked, `down --all` stops our cluster too.
  if [ "${1:-}" = "--all" ] && [ -n "$(pg_version)" ]; then
    pg_ctlcluster "$(pg_version)" "$PAPERLEDGE_PG_CLUSTER" stop 2>/dev/null || true
    log "PostgreSQL cluster $PAPERLEDGE_PG_CLUSTER stopped"
  fi
}

# reset: a clean slate for tests: stops Kafka and S3, wipes their data and the database.
cmd_reset() {
  cmd_down
  rm -rf "$data"
  if pg_isready -q -h 127.0.0.1 -p "$PAPERLEDGE_PG_PORT" 2>/dev/null; then
    pg_drop_db "$PAPERLEDGE_DB_NAME"
  fi
  cmd_up
}

# stop/start one component (fault-injection tests use these).
cmd_component() {
  local action=$1 what=$2
  mkdir -p "$lib" "$run" "$logs" "$data"
  case "$action:$what" in
    stop:kafka) stop_pid kafka ;;
    stop:s3) stop_pid s3proxy ;;
    stop:postgresql) pg_ctlcluster "$(pg_version)" "$PAPERLEDGE_PG_CLUSTER" stop ;;
    start:kafka) kafka_up ;;
    start:s3) s3_up ;;
    start:postgresql) pg_up ;;
    *) die "usage: $0 start|stop kafka|s3|postgresql" ;;
  esac
}

case "${1:-}" in
  up) cmd_up ;;
  start|stop) cmd_component "$1" "${2:-}" ;;
  down) shift; cmd_down "$@" ;;
  status) cmd_status ;;
  reset) cmd_reset ;;
  ensure-db) shift; pg_ensure_db "$1" ;;
  *) echo "usage: $0 up|down [--all]|status|reset|start COMPONENT|stop COMPONENT|ensure-db NAME" >&2; exit 2 ;;
esac
