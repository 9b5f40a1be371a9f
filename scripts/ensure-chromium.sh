#!/usr/bin/env bash
# Makes sure the browser tests have a Chromium: Debian's package (playwright cannot download one here).
# Uses CHROMIUM_PATH when set; otherwise installs `chromium` with apt-get when running as root.
set -euo pipefail

if [ -n "${CHROMIUM_PATH:-}" ] && [ -x "$CHROMIUM_PATH" ]; then exit 0; fi
if [ -x /usr/bin/chromium ]; then exit 0; fi

if [ "$(id -u)" -ne 0 ]; then
  echo "Chromium is missing: install Debian's package (sudo apt-get install -y chromium) or set CHROMIUM_PATH." >&2
  exit 1
fi

echo "Installing Chromium from Debian for the browser tests (about 30 s)…"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends chromium >/dev/null
echo "Chromium installed: $(/usr/bin/chromium --version)"
