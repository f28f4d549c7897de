#!/usr/bin/env bash
# Scale-out on this machine: three instances each of script-service and audio-service in one
# consumer group per service. Submits N papers (default 30), kills one script instance and one audio
# instance mid-work, measures papers voiced per minute with 1, 2 and 3 audio instances, and checks
# every paper is published exactly once. Prints a report (also deploy/e2e/target/scale-report.md).
# ~8 minutes with flite (the default engine); `PAPERLEDGE_SCALE_ENGINE=marytts` takes ~20.
# PAPERLEDGE_SCALE_WINDOW is how long (seconds) the 1- and 2-instance audio windows last (default 60
# with flite, 180 with MaryTTS).
#
#   deploy/local/scale.sh [papers]
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
engine=${PAPERLEDGE_SCALE_ENGINE:-flite}
window=${PAPERLEDGE_SCALE_WINDOW:-$([ "$engine" = flite ] && echo 60 || echo 180)}
(cd "$root" && ./mvnw -B -q -DskipTests install)
(source "$here/e2e.env" && "$here/stack.sh" down >/dev/null 2>&1 || true)
(source "$here/e2e.env" && "$here/infra.sh" reset)
cd "$root" && ./mvnw -B -pl deploy/e2e verify -Dit.test=ScaleOutIT -Dpaperledge.scale.papers="${1:-30}" \
  -Dpaperledge.scale.engine="$engine" -Dpaperledge.scale.window="$window" -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false
