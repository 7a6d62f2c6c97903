#!/usr/bin/env bash
# A local foldersync demo: one server with two folders (docs, notes) and one client, both on
# loopback, in the background, logging to demo-data/*.log. Ctrl-C stops both. The client's web
# page is at http://127.0.0.1:8081/ (log in with the admin token printed below); the demo client
# may switch the folder and run one harmless server command, "inventory" (lists the folder's files).
#
# Needs only a JDK 17+: the jars are built with the Maven wrapper when they are missing.
# Ports can be moved with DEMO_SYNC_PORT, DEMO_SERVER_HTTP_PORT and DEMO_CLIENT_HTTP_PORT.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT="$(pwd)"
DATA="$ROOT/demo-data"
SERVER_JAR="$ROOT/sync-server/target/sync-server.jar"
CLIENT_JAR="$ROOT/sync-client/target/sync-client.jar"

SYNC_PORT="${DEMO_SYNC_PORT:-7070}"
SERVER_HTTP="${DEMO_SERVER_HTTP_PORT:-8080}"
CLIENT_HTTP="${DEMO_CLIENT_HTTP_PORT:-8081}"
TOKEN="demo-sync-token-change-me"     # foldersync.token: at least 16 characters
ADMIN_TOKEN="demo-admin-token-change-me"  # foldersync.admin-token: at least 16 characters
# the demo client is granted the folder switch and a command: it proves its own token, so the shared
# one is not enough to use its grants (foldersync.client-tokens.<client-id> on the server)
CLIENT_TOKEN="demo-client-token-change-me"
STARTUP_SECONDS=90

SERVER_PID=""
CLIENT_PID=""

say() { printf '%s\n' "$*"; }

stop_all() {
    trap - INT TERM EXIT
    say ""
    say "Stopping the demo..."
    # Background children of a script ignore SIGINT, so they are stopped with SIGTERM
    # (Spring Boot shuts down cleanly on it).
    for pid in $CLIENT_PID $SERVER_PID; do
        kill -TERM "$pid" 2>/dev/null || true
    done
    for _ in $(seq 1 30); do
        alive=0
        for pid in $CLIENT_PID $SERVER_PID; do
            if kill -0 "$pid" 2>/dev/null; then alive=1; fi
        done
        [[ $alive -eq 0 ]] && break
        sleep 0.5
    done
    for pid in $CLIENT_PID $SERVER_PID; do
        if kill -0 "$pid" 2>/dev/null; then
            say "  $pid did not stop in 15 s; killing it"
            kill -KILL "$pid" 2>/dev/null || true
        fi
    done
    say "Stopped. Folders, state and logs stay in demo-data/ (delete it to start afresh)."
}

# waits until the log says the application started; fails when the process dies first
wait_started() {
    local name="$1" pid="$2" log="$3"
    for _ in $(seq 1 $((STARTUP_SECONDS * 2))); do
        if ! kill -0 "$pid" 2>/dev/null; then
            say "The $name stopped during start-up. The end of $log:"
            tail -n 40 "$log" || true
            return 1
        fi
        if grep -q "Started .*Application" "$log" 2>/dev/null; then
            return 0
        fi
        sleep 0.5
    done
    say "The $name did not start within ${STARTUP_SECONDS} s; see $log"
    return 1
}

sample() {
    # writes a sample file only when it is missing, so edits survive a second run of the demo
    local file="$1"
    shift
    if [[ ! -e "$file" ]]; then
        mkdir -p "$(dirname "$file")"
        printf '%s\n' "$@" > "$file"
    fi
}

if [[ ! -f "$SERVER_JAR" || ! -f "$CLIENT_JAR" ]]; then
    say "Building the jars (first run only; ./mvnw -B -q -DskipTests package)..."
    ./mvnw -B -q -DskipTests package
fi

mkdir -p "$DATA/server/docs" "$DATA/server/notes" "$DATA/client" "$DATA/server-state" "$DATA/client-state"
sample "$DATA/server/docs/README.txt" \
    "This is the docs folder on the server." \
    "Edit me on the server: the change shows up in demo-data/client within a second."
sample "$DATA/server/docs/guide/getting-started.md" \
    "# Getting started" "" \
    "Files in subdirectories are mirrored too. Rename this file on the server and watch it move on the client."
sample "$DATA/server/docs/todo.txt" \
    "- edit a file on the client: the server takes the edit" \
    "- create a file on the client: it stays local (clients are edit-only)" \
    "- delete a file on the client: it comes back at the next reconcile (5 s)"
sample "$DATA/server/notes/meeting.txt" \
    "Notes folder: mirrored after you switch the active folder to notes."
sample "$DATA/server/notes/ideas/backlog.md" \
    "# Backlog" "" "- switch folders with PUT /api/folders/active"

# the products need a UTF-8 locale to read file names; a bare machine or container may have none set
case "${LC_ALL:-${LC_CTYPE:-${LANG:-}}}" in
    *UTF-8*|*utf8*|*UTF8*|*utf-8*) ;;
    *) export LANG=C.UTF-8; unset LC_ALL LC_CTYPE ;;
esac

on_signal() {
    stop_all
    exit 130
}
trap on_signal INT TERM
trap stop_all EXIT

say "Starting the server (sync port $SYNC_PORT, HTTP $SERVER_HTTP)..."
java -XX:-UsePerfData -jar "$SERVER_JAR" \
    --foldersync.folders.docs="$DATA/server/docs" \
    --foldersync.folders.notes="$DATA/server/notes" \
    --foldersync.active-folder=docs \
    --foldersync.listen-address=127.0.0.1 \
    --foldersync.listen-port="$SYNC_PORT" \
    --foldersync.token="$TOKEN" \
    --foldersync.admin-token="$ADMIN_TOKEN" \
    --foldersync.state-db="$DATA/server-state/server-state.db" \
    --foldersync.client-tokens.demo-client="$CLIENT_TOKEN" \
    --foldersync.permissions.switch-folder=demo-client \
    "--foldersync.commands.inventory.args=find,.,-type,f,-not,-path,*/.*" \
    --foldersync.commands.inventory.clients=demo-client \
    --foldersync.commands.inventory.timeout=10s \
    "--foldersync.commands.inventory.description=Lists the files of the active folder (find . -type f)" \
    --server.address=127.0.0.1 \
    --server.port="$SERVER_HTTP" \
    > "$DATA/server.log" 2>&1 < /dev/null &
SERVER_PID=$!
wait_started server "$SERVER_PID" "$DATA/server.log"

say "Starting the client (local folder demo-data/client, HTTP $CLIENT_HTTP)..."
java -XX:-UsePerfData -jar "$CLIENT_JAR" \
    --foldersync.server-host=127.0.0.1 \
    --foldersync.server-port="$SYNC_PORT" \
    --foldersync.local-folder="$DATA/client" \
    --foldersync.client-id=demo-client \
    --foldersync.token="$CLIENT_TOKEN" \
    --foldersync.admin-token="$ADMIN_TOKEN" \
    --foldersync.state-db="$DATA/client-state/client-state.db" \
    --server.address=127.0.0.1 \
    --server.port="$CLIENT_HTTP" \
    > "$DATA/client.log" 2>&1 < /dev/null &
CLIENT_PID=$!
wait_started client "$CLIENT_PID" "$DATA/client.log"

for _ in $(seq 1 40); do
    grep -q "connected to the server" "$DATA/client.log" 2>/dev/null && break
    sleep 0.5
done
if grep -q "connected to the server" "$DATA/client.log" 2>/dev/null; then
    say "The client is connected (TLS)."
else
    say "The client is not connected yet; see demo-data/client.log"
fi
FINGERPRINT="$(grep -o 'SHA-256 fingerprint [0-9a-f]*' "$DATA/server.log" 2>/dev/null | tail -n 1 | awk '{print $3}')"

cat <<EOF

foldersync demo is running (server pid $SERVER_PID, client pid $CLIENT_PID).

  The client's page:  http://127.0.0.1:$CLIENT_HTTP/
    log in with the admin token  $ADMIN_TOKEN
    watch the sync live, switch the folder (granted to demo-client), run the server command
    "inventory", and settle conflicts: edit todo.txt on the client and on the server within
    a few seconds of each other to make one.

  Server folders (edit here, full control):
    docs  (active)  $DATA/server/docs
    notes           $DATA/server/notes
  Client mirror (look here; edits of existing files go back to the server):
                    $DATA/client

  Try: create, edit, rename or delete a file under demo-data/server/docs and watch
  demo-data/client follow within a second; edit demo-data/client/todo.txt and see it
  reach the server. Creates and deletes on the client are not sent (edit-only).

  Sync traffic is TLS. The server generated its certificate on first start:
                    demo-data/server-state/sync-tls-certificate.pem
                    SHA-256 fingerprint ${FINGERPRINT:-(see demo-data/server.log)}
  (a client can pin it: --foldersync.server-fingerprint=<fingerprint>)

  Logs:             demo-data/server.log   demo-data/client.log
  State databases:  demo-data/server-state/server-state.db   demo-data/client-state/client-state.db
  Conflict losers:  demo-data/server-state/conflicts/<folder>/   (client copies: *.sync-conflict-*)

  HTTP (admin token: $ADMIN_TOKEN):
    curl -s http://127.0.0.1:$SERVER_HTTP/actuator/health
    curl -s -H 'Authorization: Bearer $ADMIN_TOKEN' http://127.0.0.1:$SERVER_HTTP/actuator/sync
    curl -s -H 'Authorization: Bearer $ADMIN_TOKEN' http://127.0.0.1:$CLIENT_HTTP/actuator/sync
    curl -s -H 'Authorization: Bearer $ADMIN_TOKEN' http://127.0.0.1:$SERVER_HTTP/api/folders
  Switch the active folder to notes (the client mirrors it within one interval), on the page
  or with the server's API (the client's PUT /api/folders/active works too: demo-client is granted it):
    curl -s -X PUT -H 'Authorization: Bearer $ADMIN_TOKEN' -H 'Content-Type: application/json' \\
         -d '{"name":"notes"}' http://127.0.0.1:$SERVER_HTTP/api/folders/active

Press Ctrl-C to stop both.
EOF

# returns when either process exits, or at once when Ctrl-C runs the trap
while kill -0 "$SERVER_PID" 2>/dev/null && kill -0 "$CLIENT_PID" 2>/dev/null; do
    wait -n 2>/dev/null || sleep 0.2
done
say "A process of the demo stopped on its own; see demo-data/server.log and demo-data/client.log"
exit 1
