# Starts and stops moto_server on 127.0.0.1 on a free port. Source it, then
# call moto_start (sets MOTO_ENDPOINT and MOTO_PID) and moto_stop.
moto_start() {
    local port
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
    MOTO_LOG=$(mktemp -t moto.XXXXXX.log)
    moto_server -H 127.0.0.1 -p "$port" >"$MOTO_LOG" 2>&1 &
    MOTO_PID=$!
    MOTO_ENDPOINT="http://127.0.0.1:$port"
    for _ in $(seq 1 100); do
        if python3 -c "import urllib.request; urllib.request.urlopen('$MOTO_ENDPOINT/moto-api/')" >/dev/null 2>&1; then
            export MOTO_ENDPOINT MOTO_PID
            return 0
        fi
        sleep 0.1
    done
    echo "moto_server did not start; its log:" >&2
    cat "$MOTO_LOG" >&2
    return 1
}

moto_stop() {
    if [ -n "${MOTO_PID:-}" ]; then
        kill "$MOTO_PID" 2>/dev/null || true
        wait "$MOTO_PID" 2>/dev/null || true
        MOTO_PID=""
    fi
}
