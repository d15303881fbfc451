#!/usr/bin/env bash
# `npm run check:fresh`: does a fresh clone pass the README's test command? Copies the commit
# HEAD (committed work only) into an empty temporary folder, with nothing beside it, runs the
# README's test command there with a clean npm environment, prints the result and cleans up.
# It takes several minutes: npm ci, the whole suite, and building FerretDB with Go.
#
#   CHECK_FRESH_REUSE_FERRETDB=1  copy this checkout's built FerretDB (.cache/ferretdb) into the
#                                 clone instead of building it again with Go
#   CHECK_FRESH_KEEP=1            keep the temporary folder afterwards (its path is printed)
set -euo pipefail

root="$(git -C "$(dirname "$0")/.." rev-parse --show-toplevel)"
cd "$root"

# The command exactly as the README gives it (the line commented "runs every test"); CI's
# .ci/run must run the same line, or this check fails before it starts.
readme_command="$(grep -m1 -E '^npm ci .*# runs every test' README.md | sed -E 's/[[:space:]]+#.*$//' || true)"
if [[ -z "$readme_command" ]]; then
  echo "check:fresh: no test command found in README.md (a line starting 'npm ci' commented '# runs every test')." >&2
  exit 2
fi
if ! grep -qxF "$readme_command" .ci/run; then
  echo "check:fresh: .ci/run does not run the README's test command ($readme_command) as a line of its own." >&2
  exit 2
fi

sha="$(git rev-parse HEAD)"
if [[ -n "$(git status --porcelain)" ]]; then
  echo "check:fresh: warning: the work tree has changes that are not committed; they are not part of this check, which runs the commit $sha." >&2
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/mission-pulse-fresh.XXXXXX")"
clone="$work/mission-pulse"
cleanup() {
  if [[ "${CHECK_FRESH_KEEP:-}" == "1" ]]; then
    echo "check:fresh: kept $work"
  else
    rm -rf "$work"
  fi
}
trap cleanup EXIT

git init --quiet "$clone"
git -C "$clone" fetch --quiet "$root" HEAD
git -C "$clone" checkout --quiet -b fresh-check FETCH_HEAD

if [[ "${CHECK_FRESH_REUSE_FERRETDB:-}" == "1" && -d "$root/.cache/ferretdb" ]]; then
  mkdir -p "$clone/.cache"
  cp -R "$root/.cache/ferretdb" "$clone/.cache/ferretdb"
  echo "check:fresh: reusing the FerretDB build from $root/.cache/ferretdb (CHECK_FRESH_REUSE_FERRETDB=1)."
fi

# A new user's shell has none of the variables `npm run` sets for this script.
while IFS= read -r name; do unset "$name"; done < <(compgen -e | grep -E '^(npm_|INIT_CWD$)' || true)

echo "check:fresh: commit $sha, alone in $clone"
echo "check:fresh: running: $readme_command"
started=$SECONDS
set +e
(cd "$clone" && bash -c "$readme_command")
status=$?
set -e
elapsed=$((SECONDS - started))

if [[ $status -eq 0 ]]; then
  echo "check:fresh: PASSED: a bare clone of $sha passes '$readme_command' (${elapsed} s)."
else
  echo "check:fresh: FAILED: '$readme_command' exited $status in a bare clone of $sha (${elapsed} s)." >&2
fi
exit $status
