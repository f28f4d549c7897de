#!/usr/bin/env bash
# The fault-injection suite: papers through the whole stack (real processes, loopback only) while
# services are killed, the broker restarted, the object store taken down for 30 s, PostgreSQL
# restarted and the arXiv stand-in made to flap. Prints a table of submitted / published /
# duplicated / lost per scenario (also in deploy/e2e/target/fault-report.md). ~15-25 minutes.
#
#   deploy/local/faults.sh [papers per scenario]      (default 3)
# Note: the PostgreSQL scenario restarts the shared local cluster (a running demo sees it too).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
(cd "$root" && ./mvnw -B -q -DskipTests install)
(source "$here/e2e.env" && "$here/stack.sh" down >/dev/null 2>&1 || true)
(source "$here/e2e.env" && "$here/infra.sh" reset)
cd "$root" && ./mvnw -B -pl deploy/e2e verify -Dit.test=FaultInjectionIT -Dpaperledge.faults=true \
  -Dpaperledge.faults.papers="${1:-3}" -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false
