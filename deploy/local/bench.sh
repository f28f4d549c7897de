#!/usr/bin/env bash
# The pipeline benchmark: N papers through the whole stack (real processes, offline defaults) on
# the e2e instance of the infrastructure; prints a Markdown table (also in deploy/e2e/target/bench-N.md).
#
#   deploy/local/bench.sh [N]        (default 10)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
n=${1:-10}
(cd "$root" && ./mvnw -B -q -DskipTests install)
(source "$here/e2e.env" && "$here/stack.sh" down >/dev/null 2>&1 || true)
(source "$here/e2e.env" && "$here/infra.sh" reset)
cd "$root" && ./mvnw -B -pl deploy/e2e verify -Dit.test=PipelineBenchmarkIT -Dpaperledge.bench.papers="$n" \
  -Dsurefire.failIfNoSpecifiedTests=false
