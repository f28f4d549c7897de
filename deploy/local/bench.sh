#!/usr/bin/env bash
# The pipeline benchmark: N papers through the whole stack (real processes, offline defaults) on
# the e2e instance of the infrastructure, started fresh for each N; prints a Markdown table per N
# (also in deploy/e2e/target/bench-N.md).
#
#   deploy/local/bench.sh [N ...]        (default 10; e.g. `bench.sh 1 10 50`)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
[ $# -gt 0 ] || set -- 10
# The feed is measured against nginx serving the same bytes, both loaded by wrk (Debian packages,
# installed once when missing; the tests do not need them).
if ! command -v nginx >/dev/null 2>&1 || ! command -v wrk >/dev/null 2>&1; then
  echo "==> installing nginx and wrk for the feed benchmark"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nginx-light wrk >/dev/null ||
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nginx wrk >/dev/null
fi
(cd "$root" && ./mvnw -B -q -DskipTests install)
for n in "$@"; do
  [[ "$n" =~ ^[1-9][0-9]*$ ]] || { echo "N must be a positive number, not '$n'" >&2; exit 2; }
  (source "$here/e2e.env" && "$here/stack.sh" down >/dev/null 2>&1 || true)
  (source "$here/e2e.env" && "$here/infra.sh" reset)
  (cd "$root" && ./mvnw -B -pl deploy/e2e verify -Dit.test=PipelineBenchmarkIT -Dpaperledge.bench.papers="$n" \
    -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false)
done
for n in "$@"; do cat "$root/deploy/e2e/target/bench-$n.md"; done
