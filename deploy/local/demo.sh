#!/usr/bin/env bash
# The main job: build PaperLedge, start the real infrastructure and the four services, and produce
# one episode end to end for an arXiv paper (offline, through the arXiv stand-in, by default).
#
#   deploy/local/demo.sh [ARXIV_ID_OR_URL]        (default 2106.09685)
#
# The stack stays up afterwards: submit more papers, open the feed and the page, then stop it with
# `deploy/local/stack.sh down && deploy/local/infra.sh down`.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
paper=${1:-2106.09685}

: "${PAPERLEDGE_INGEST_PORT:=8081}"
: "${PAPERLEDGE_PUBLISH_PORT:=8080}"
: "${PAPERLEDGE_OPERATOR_API_KEY:=paperledge-local-operator-key}"
: "${PAPERLEDGE_DEMO_TIMEOUT:=900}"
: "${PAPERLEDGE_S3_PORT:=9000}"
: "${PAPERLEDGE_S3_BUCKET:=paperledge}"
export PAPERLEDGE_OPERATOR_API_KEY

say() { printf '\n==> %s\n' "$*"; }

say "Building PaperLedge (tests are the other README command)"
started=$SECONDS
(cd "$root" && ./mvnw -B -q -DskipTests install)
echo "built in $((SECONDS - started)) s"

say "Starting the infrastructure: Kafka, S3 (S3Proxy), PostgreSQL"
"$here/infra.sh" up

say "Starting the arXiv stand-in and the four services"
"$here/stack.sh" up

ingest="http://127.0.0.1:$PAPERLEDGE_INGEST_PORT"
publish="http://localhost:$PAPERLEDGE_PUBLISH_PORT"

say "Submitting $paper"
body=$(printf '{"arxivId": "%s"}' "$paper")
response=$(curl -sS -i -X POST "$ingest/api/papers" -H 'Content-Type: application/json' \
  -H "X-API-Key: $PAPERLEDGE_OPERATOR_API_KEY" --data "$body")
code=$(printf '%s' "$response" | head -n1 | awk '{print $2}')
location=$(printf '%s' "$response" | tr -d '\r' | awk -F': ' 'tolower($1)=="location" {print $2}')
echo "POST /api/papers -> $code ${location:+(Location: $location)}"
case "$code" in
  200|201|202) ;;
  *) printf '%s\n' "$response" | sed -n '/^\r\{0,1\}$/,$p'; exit 1 ;;
esac
[ -n "$location" ] || location="/api/papers/$paper"
case "$location" in http*) url=$location ;; *) url="$ingest$location" ;; esac

say "Following $paper through ingest -> script -> audio -> publish"
t0=$SECONDS
last=""
while :; do
  json=$(curl -fsS "$url" || true)
  # The paper's own status is the first "status" field of its JSON.
  status=$(printf '%s' "$json" | grep -o '"status" *: *"[A-Z_]*"' | head -n1 | sed 's/.*"\([A-Z_]*\)"$/\1/')
  if [ -n "$status" ] && [ "$status" != "$last" ]; then
    printf '  %4ds  %s\n' "$((SECONDS - t0))" "$status"
    last=$status
  fi
  case "$status" in
    PUBLISHED) break ;;
    FAILED)
      echo "The paper failed: $json"
      exit 1 ;;
  esac
  if [ $((SECONDS - t0)) -gt "$PAPERLEDGE_DEMO_TIMEOUT" ]; then
    echo "Not published after ${PAPERLEDGE_DEMO_TIMEOUT}s (last status: ${last:-none}); logs: $root/.paperledge/local/logs"
    exit 1
  fi
  sleep 1
done

feed=$(curl -fsS "$publish/feed.xml")
mp3=$(printf '%s' "$feed" | grep -o '<enclosure[^>]*>' | head -n1 | sed -n 's/.*url="\([^"]*\)".*/\1/p')
bytes=$(printf '%s' "$feed" | grep -o '<enclosure[^>]*>' | head -n1 | sed -n 's/.*length="\([0-9]*\)".*/\1/p')
title=$(printf '%s' "$feed" | tr -d '\n' | grep -o '<item>[[:space:]]*<title>[^<]*</title>' | head -n1 | sed 's:.*<title>\(.*\)</title>:\1:')

say "Published in $((SECONDS - t0)) s"
cat <<EOF
  episode      ${title:-(see the feed)}
  feed         $publish/feed.xml
  public page  $publish/
  MP3          ${mp3:-(see the feed)}  (${bytes:-?} bytes)
  in S3        s3://$PAPERLEDGE_S3_BUCKET/audio/…  at http://127.0.0.1:$PAPERLEDGE_S3_PORT (S3Proxy files under $root/.paperledge/local/data/s3)
  status API   $url
  dashboard    $ingest/
  logs         $root/.paperledge/local/logs

Submit more:  curl -X POST $ingest/api/papers -H 'Content-Type: application/json' \\
                -H 'X-API-Key: $PAPERLEDGE_OPERATOR_API_KEY' -d '{"arxivId": "2305.14314"}'
Stop:         deploy/local/stack.sh down && deploy/local/infra.sh down
EOF
