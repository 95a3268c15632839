# Sourced by the bench scripts (ROOT set to the project root).

# bench_install COMMAND:PACKAGE ...: installs the Debian packages whose command is missing.
bench_install() {
    local need=() pair
    for pair in "$@"; do
        command -v "${pair%%:*}" >/dev/null || need+=("${pair#*:}")
    done
    if ((${#need[@]})); then
        echo "installing: ${need[*]}"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
    fi
}

# Sets T6_BIN: as given (no build), else build/app/terminal6, rebuilt when older than app/; a
# failed build falls back to the existing binary.
bench_binary() {
    [[ -n "${T6_BIN:-}" ]] && return 0
    T6_BIN="$ROOT/build/app/terminal6"
    if [[ ! -x "$T6_BIN" ]] || [[ -n "$(find "$ROOT/app" -newer "$T6_BIN" -type f -print -quit 2>/dev/null)" ]]; then
        echo "building terminal6 (scripts/build.sh terminal6)..."
        local log="/tmp/t6bench-build.$$.log"
        if ! "$ROOT/scripts/build.sh" terminal6 >"$log" 2>&1; then
            tail -5 "$log"
            if [[ -x "$T6_BIN" ]]; then
                echo "build failed: using the existing $T6_BIN"
            else
                echo "build failed and there is no $T6_BIN (set T6_BIN to a binary)"
                exit 1
            fi
        fi
        rm -f "$log"
    fi
}
