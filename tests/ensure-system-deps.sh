#!/bin/sh
# Browser tests need Debian's chromium (playwright's own browser download does not work offline).
# Installs it when missing and we are root; otherwise fails loudly with what to do.
set -eu
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "chromium fehlt – wird mit apt-get installiert …"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  [ -x /usr/bin/chromium ] && exit 0
fi
echo "FEHLER: /usr/bin/chromium fehlt. Bitte installieren: sudo apt-get install chromium" >&2
exit 1
