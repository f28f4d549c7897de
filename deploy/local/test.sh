#!/usr/bin/env bash
# All of PaperLedge's tests, on a fresh machine of ours: installs what the tests need (Debian
# packages), starts fresh real infrastructure for them (deploy/local/test.env for component tests,
# deploy/local/e2e.env for the end-to-end test that runs the built services as processes), then
# runs every module's tests with Maven.
#
#   deploy/local/test.sh [extra Maven arguments]
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
started=$SECONDS

"$here/install-packages.sh"

echo "==> Fresh test infrastructure"
(source "$here/test.env" && "$here/infra.sh" reset)
(source "$here/e2e.env" && "$here/stack.sh" down >/dev/null 2>&1 || true)
(source "$here/e2e.env" && "$here/infra.sh" reset)

echo "==> Running the tests"
# Chromium was installed above: browser tests must run, not skip.
export PAPERLEDGE_BROWSERS_REQUIRED=true
# flite is installed above: its tests must run, not skip.
export PAPERLEDGE_FLITE_REQUIRED=true
status=0
(cd "$root" && ./mvnw -B verify "$@") || status=$?

# The e2e stack is stopped by its test; stop anything a failed run left behind.
(source "$here/e2e.env" && "$here/stack.sh" down >/dev/null 2>&1 || true)
# Leave no Kafka or S3 running: another checkout's tests or demo need the same ports (PostgreSQL,
# shared by all, stays up).
(source "$here/test.env" && "$here/infra.sh" down >/dev/null 2>&1 || true)
(source "$here/e2e.env" && "$here/infra.sh" down >/dev/null 2>&1 || true)
echo "==> Tests finished in $((SECONDS - started)) s (exit $status)"
exit $status
