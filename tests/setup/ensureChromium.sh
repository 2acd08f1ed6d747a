#!/usr/bin/env sh
# The browser tests drive Debian's Chromium (never a downloaded one). Installs it when it is missing
# and this user may (root, or sudo without a password); otherwise says how.
[ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] && exit 0
echo "[tests] Chromium is missing: installing Debian's chromium package (about a minute)"
if [ "$(id -u)" = 0 ]; then run=""; elif sudo -n true 2>/dev/null; then run="sudo"; else
  echo "[tests] Install it first: sudo apt-get install -y chromium (or set CHROMIUM_PATH)" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$run apt-get update -qq && $run apt-get install -y -qq chromium >/dev/null && echo "[tests] chromium installed"
