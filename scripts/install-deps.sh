#!/usr/bin/env bash
# Installs what Terminal 6 needs from Debian 12's packages, only when something is missing;
# with --tests, also what the test suite needs (an X desktop for the tray test).
set -euo pipefail

packages=(g++ cmake ninja-build pkg-config
          qt6-base-dev qt6-httpserver-dev qt6-websockets-dev qt6-charts-dev libqt6opengl6-dev
          qt6-l10n-tools qt6-tools-dev qt6-translations-l10n
          libqt6sql6-sqlite libhiredis-dev libsqlite3-dev redis-server redis-tools curl openssl)
# --tests: what the suite adds: a real X desktop for the tray test (tests/desktop/), nginx,
# redis-sentinel and haproxy for the tests of several receivers (tests/integration/tst_cluster,
# tst_failover).
if [ "${1:-}" = "--tests" ]; then
    packages+=(xvfb openbox trayer xdotool x11-utils imagemagick fonts-dejavu-core
               nginx-light redis-sentinel haproxy)
fi

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "Installing: ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
