# Shared by install-test.sh and systemd-test.sh (sourced): `check NAME COMMAND...` runs the
# command, says ok or FAILED with its output, and counts failures; `free_port` prints a free
# loopback port. The caller sets $work (a scratch folder) and failures=0.
check() {
    if "${@:2}" >"$work/check.log" 2>&1; then
        echo "ok      $1"
    else
        echo "FAILED  $1"
        sed 's/^/        /' "$work/check.log"
        failures=$((failures + 1))
    fi
}
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
