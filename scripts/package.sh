#!/usr/bin/env bash
# Builds the Debian package: build/terminal6_<version>_<arch>.deb (cpack -G DEB), then prints its
# path. Install it with `apt-get install ./build/terminal6_*.deb`; installer/debian/README.Debian
# (also /usr/share/doc/terminal6/README.Debian) says how to start the service.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh terminal6 package-files
cd "${T6_BUILD_DIR:-build}"
rm -f terminal6_*.deb
cpack -G DEB >/dev/null
ls "$PWD"/terminal6_*.deb
