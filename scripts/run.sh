#!/usr/bin/env bash
# One command from a fresh Debian 12 to a running Terminal 6: installs what is missing, builds,
# and launches it. Everything else is the application's own: it reads the settings the dialog
# saved (~/.config/terminal6/terminal6.conf), opens the TradingView setup assistant on first run,
# and starts its own redis-server (stopped when it quits) when none answers at 127.0.0.1:6379.
# Extra arguments go to terminal6 (e.g. --headless, --port 9000).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh terminal6
exec build/app/terminal6 "$@"
