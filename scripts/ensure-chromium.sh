#!/bin/sh
# Installs Debian's Chromium for the browser tests when it is missing. The tests drive it through
# playwright-core, which never downloads a browser of its own.
set -eu
CHROMIUM=/usr/bin/chromium
if [ -x "$CHROMIUM" ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  SUDO=sudo
else
  SUDO=
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq chromium
"$CHROMIUM" --version
