#!/usr/bin/env bash
# concord edition: headless Chromium for the HTML edition's DOM check and screenshot
# (tests/edition_html.rs runs scripts/edition/html_check.py when chromium is present).
# Idempotent: does nothing when chromium is already installed.
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then
    exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
command -v chromium >/dev/null
