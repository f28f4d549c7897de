#!/usr/bin/env bash
# Checks PaperLedge's dependencies for known vulnerabilities.
#
#   deploy/local/deps-audit.sh              SBOM, then OWASP Dependency-Check (needs network access)
#   deploy/local/deps-audit.sh --sbom-only  only the SBOM (works offline)
#
# 1. A CycloneDX SBOM of every module (target/bom.json, target/bom.xml): each library that ships,
#    with its version and package URL. Any scanner reads it (OWASP Dependency-Track, osv-scanner,
#    grype, GitHub's dependency review), and it is the record of what a given build contained.
# 2. OWASP Dependency-Check against the NVD and the other feeds it mirrors; the run fails when a
#    dependency has a known vulnerability with CVSS >= PAPERLEDGE_FAIL_CVSS (default 7). Set
#    NVD_API_KEY (free from nvd.nist.gov) or the first download of the NVD takes hours. Report:
#    target/dependency-check-report.html and .json. Findings judged not to apply go, with the
#    reason, in deploy/local/dependency-check-suppressions.xml.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$root"

./mvnw -B -q -DskipTests install
./mvnw -B -q org.cyclonedx:cyclonedx-maven-plugin:2.9.3:makeAggregateBom -DoutputFormat=all \
  -DincludeTestScope=false -DoutputDirectory="$root/target"
echo "SBOM: $root/target/bom.json ($(grep -c '"purl"' "$root/target/bom.json") components)"

[ "${1:-}" = "--sbom-only" ] && exit 0

args=(-DfailBuildOnCVSS="${PAPERLEDGE_FAIL_CVSS:-7}" -Dformats=HTML,JSON -DskipTestScope=true
      -DsuppressionFile="$here/dependency-check-suppressions.xml")
[ -n "${NVD_API_KEY:-}" ] && args+=(-DnvdApiKey="$NVD_API_KEY")
./mvnw -B org.owasp:dependency-check-maven:12.2.1:aggregate "${args[@]}"
echo "report: $root/target/dependency-check-report.html"
