#!/usr/bin/env bash
# Debian's Chromium and ChromeDriver for the end-to-end web tests (root only; skipped otherwise).
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" != "0" ]; then echo "not root: cannot apt-get install chromium"; exit 1; fi
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
