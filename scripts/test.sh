#!/usr/bin/env bash
# One command from a fresh Debian 12 to the whole test suite: installs, builds, runs ctest, then
# checks that the suite left no process behind. Tests start their own redis-server on free ports;
# widget tests use the offscreen platform.
#   scripts/test.sh              the suite
#   scripts/test.sh --sanitize   the same suite built with AddressSanitizer and UBSan (build-asan/)
# Other arguments go to ctest (e.g. -R tst_journal).
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
scripts/install-deps.sh --tests
if [ "${1:-}" = "--sanitize" ]; then
    shift
    export T6_BUILD_DIR=build-asan
    export T6_CMAKE_ARGS="-DT6_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug"
fi
scripts/build.sh
cd "${T6_BUILD_DIR:-build}"

# What the suite starts (ctest → test → redis-server, terminal6) is told from anything else running
# on the machine by a mark in its environment, and by its working folder under the suite's own
# TMPDIR (redis-server overwrites its environment with its process title; its folder is a
# QTemporaryDir).
suite_tmp="$(mktemp -d "${TMPDIR:-/tmp}/t6-suite.XXXXXX")"
mark="T6_TEST_RUN=$$-$(date +%s%N)"
status=0
env "$mark" TMPDIR="$suite_tmp" QT_QPA_PLATFORM=offscreen ctest --output-on-failure -j2 "$@" ||
    status=$?

survivors=()
sleep 0.5 # a child killed at the very end may still be on its way out
for proc in /proc/[0-9]*; do
    pid="${proc#/proc/}"
    [ "$(awk '{print $3}' "$proc/stat" 2>/dev/null)" = Z ] && continue # already dead
    cwd="$(readlink "$proc/cwd" 2>/dev/null)" || true
    if [[ "$cwd" == "$suite_tmp"/* ]] ||
        { tr '\0' '\n' 2>/dev/null <"$proc/environ" | grep -qxF "$mark"; } 2>/dev/null; then
        survivors+=("$pid")
    fi
done
rm -rf "$suite_tmp"
if [ ${#survivors[@]} -gt 0 ]; then
    echo "FAILED: the test suite left ${#survivors[@]} process(es) running:"
    ps -o pid=,args= -p "$(IFS=,; echo "${survivors[*]}")" || true
    kill -9 "${survivors[@]}" 2>/dev/null || true
    exit 1
fi
echo "No process of the suite survived it."

# The Debian package, installed, run and purged (tests/package/install-test.sh): root only, as
# it installs the package on this machine; not with --sanitize (the package is the release build).
# Then the same package under a real systemd in a container (tests/package/systemd-test.sh;
# skipped, exit 77, where none can be booted).
if [ "$(id -u)" = 0 ] && [ -z "${T6_CMAKE_ARGS:-}" ]; then
    "$root/tests/package/install-test.sh" || status=1
    systemd_status=0
    "$root/tests/package/systemd-test.sh" "$(ls "$root"/build/terminal6_*.deb)" || systemd_status=$?
    [ "$systemd_status" = 0 ] || [ "$systemd_status" = 77 ] || status=1
else
    echo "package install test skipped: needs root and the release build"
fi
exit "$status"
