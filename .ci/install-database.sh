#!/usr/bin/env bash
# Makes the embedded test databases ready in CI: uses mongod if installed, otherwise builds the
# FerretDB wrapper (cached under .cache/ferretdb/) with Go; and finds PostgreSQL for the second
# engine (installing Debian's postgresql-15 where it is missing and we are root with apt-get).
# Run after `npm ci`. Skipped entirely when MONGODB_URI points at a real server.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ -n "${MONGODB_URI:-}" ]]; then
  echo "MONGODB_URI is set; no embedded database needed."
  exit 0
fi

# The official Go installer puts Go here without always adding it to PATH.
if ! command -v go >/dev/null 2>&1 && [[ -x /usr/local/go/bin/go ]]; then
  export PATH="/usr/local/go/bin:$PATH"
fi

if command -v mongod >/dev/null 2>&1; then
  echo "Using mongod: $(command -v mongod)"
elif command -v go >/dev/null 2>&1; then
  echo "Using $(go version) to build FerretDB (first build takes a minute or two)."
else
  echo "No MongoDB found. Install Go 1.24+ (https://go.dev/dl) so Mission Pulse can build its embedded database, or put mongod on PATH, or set MONGODB_URI to a MongoDB server." >&2
  exit 1
fi

npm run db:prepare

# PostgreSQL: Debian keeps initdb and postgres under /usr/lib/postgresql/<major>/bin, off PATH;
# the launcher looks there itself (src/store/embedded/find-postgresql.ts).
find_initdb() {
  command -v initdb 2>/dev/null || ls -d /usr/lib/postgresql/*/bin/initdb /usr/pgsql-*/bin/initdb 2>/dev/null | sort -V | tail -1
}
if [[ -z "$(find_initdb)" ]]; then
  if [[ "$(id -u)" -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing PostgreSQL 15 for the second test engine."
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq postgresql-15 >/dev/null
  else
    echo "PostgreSQL is not installed and cannot be installed here (needs root and apt-get): install postgresql-15 for MISSION_PULSE_TEST_ENGINE=postgresql." >&2
    exit 1
  fi
fi
echo "PostgreSQL: $(find_initdb)"
