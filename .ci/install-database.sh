#!/usr/bin/env bash
# Makes the embedded test database ready in CI: uses mongod if installed, otherwise builds the
# FerretDB wrapper (cached under .cache/ferretdb/) with Go. Run after `npm ci`.
# Skipped entirely when MONGODB_URI points at a real server.
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
