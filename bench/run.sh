#!/usr/bin/env bash
# Issue 8's benchmark: foldersync against rsync on the same generated data, on this machine, in one
# go. Prints one table (foldersync, rsync, ratio, target, pass/fail) and appends the run to
# bench/RESULTS.md. `bench/run.sh --quick` is a smoke check of a few minutes; `bench/run.sh --help`
# lists the options. How the figures are taken: src-docs/benchmark.md.
#
# Needs a JDK 17 and rsync (the Debian package; installed here with apt-get when missing and run as
# root). Builds the server and client jars when they are missing or older than their sources, and the
# benchmark itself (a Maven module outside the default build: -Pbench).
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT="$(pwd)"

if ! command -v rsync >/dev/null 2>&1; then
    if [[ "$(id -u)" -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
        echo "Installing rsync (apt-get install -y rsync)..."
        apt-get install -y rsync >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y rsync >/dev/null; }
    else
        echo "rsync is missing: install the Debian package rsync (sudo apt-get install -y rsync) and run again." >&2
        exit 1
    fi
fi

# true when the jar is missing or any of the given sources is newer than it
stale() {
    local jar="$1"
    shift
    [[ ! -f "$jar" ]] || [[ -n "$(find "$@" -type f -newer "$jar" -print -quit 2>/dev/null)" ]]
}

PRODUCT_SOURCES=(pom.xml sync-shared/pom.xml sync-shared/src sync-server/pom.xml sync-server/src sync-client/pom.xml sync-client/src)
if stale sync-server/target/sync-server.jar "${PRODUCT_SOURCES[@]}" || stale sync-client/target/sync-client.jar "${PRODUCT_SOURCES[@]}"; then
    echo "Building the server and client jars (./mvnw -B -q -DskipTests package)..."
    ./mvnw -B -q -DskipTests package
    # Maven leaves a jar it finds up to date untouched: mark both as built from these sources
    touch sync-server/target/sync-server.jar sync-client/target/sync-client.jar
fi
if stale sync-bench/target/sync-bench.jar pom.xml sync-bench/pom.xml sync-bench/src; then
    echo "Building the benchmark (./mvnw -B -q -Pbench -pl sync-bench package)..."
    ./mvnw -B -q -Pbench -pl sync-bench package
    touch sync-bench/target/sync-bench.jar
fi

# the products need a UTF-8 locale to read file names; a bare machine or container may have none set
case "${LC_ALL:-${LC_CTYPE:-${LANG:-}}}" in
    *UTF-8*|*utf8*|*UTF8*|*utf-8*) ;;
    *) export LANG=C.UTF-8; unset LC_ALL LC_CTYPE ;;
esac

exec java -Xmx512m -jar sync-bench/target/sync-bench.jar --repo "$ROOT" --command "bench/run.sh $*" "$@"
