#!/usr/bin/env bash
# Installs Debian's Chromium for the browser tests (packages/backend-gpu runs the backend
# conformance suite in headless Chromium, gpu.js WebGL2 on SwiftShader, through playwright-core
# with this system browser: no browser is downloaded). Does nothing when /usr/bin/chromium
# exists. Needs Debian's apt archive, and root (or sudo).
set -euo pipefail

if [ -x /usr/bin/chromium ]; then
  echo "install-chromium: /usr/bin/chromium is there; nothing to do"
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q
$sudo apt-get install -y -q chromium
echo "install-chromium: installed $(/usr/bin/chromium --version 2>/dev/null || echo chromium)"
