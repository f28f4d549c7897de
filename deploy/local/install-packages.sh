#!/usr/bin/env bash
# Debian packages PaperLedge's scripts and tests use, installed only when missing:
# PostgreSQL (the database), ffmpeg (reference loudness checks of the audio), Chromium and its
# driver (browser tests of the public page and the dashboard), flite (the fast speech engine),
# pocketsphinx and its en-us model (audio-service's listening check), curl.
set -euo pipefail
need=()
command -v pg_createcluster >/dev/null 2>&1 && ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || need+=(postgresql)
command -v ffmpeg >/dev/null 2>&1 || need+=(ffmpeg)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v chromedriver >/dev/null 2>&1 || need+=(chromium-driver)
command -v flite >/dev/null 2>&1 || need+=(flite)
command -v pocketsphinx_continuous >/dev/null 2>&1 || need+=(pocketsphinx)
[ -f /usr/share/pocketsphinx/model/en-us/en-us.lm.bin ] || need+=(pocketsphinx-en-us)
command -v curl >/dev/null 2>&1 || need+=(curl)
if [ ${#need[@]} -gt 0 ]; then
  echo "==> Installing Debian packages: ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
