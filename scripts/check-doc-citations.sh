#!/usr/bin/env bash
# Fails when the docs cite code or a test that is not there, so that a reader goes from a rule to the
# function and its unit test in one step (docs/rules.md): every `FILE.cpp:NAME` or `FILE.hpp:NAME` must
# be a file under src/ holding NAME, and every `Suite.Test` (or `Suite.Prefix*`) a test in tests/.
# Prints each stale citation as DOC:LINE. Run by scripts/run-tests.sh among the checks.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# Every test as "Suite.Name", one a line.
tests_file="$(mktemp)"
trap 'rm -f "$tests_file"' EXIT
grep -rhoE '^[[:space:]]*TEST(_F)?\([[:space:]]*[A-Za-z0-9_]+,[[:space:]]*[A-Za-z0-9_]+\)' tests |
  sed -E 's/^[[:space:]]*TEST(_F)?\([[:space:]]*([A-Za-z0-9_]+),[[:space:]]*([A-Za-z0-9_]+)\)/\2.\3/' |
  sort -u >"$tests_file"

stale=0
complain() { # complain DOC:LINE WHAT
  printf '%s: %s\n' "$1" "$2"
  stale=$((stale + 1))
}

for doc in README.md docs/*.md docs/modules/*.md; do
  # A bare file name in a module's page is that module's file.
  module=""
  [[ $doc == docs/modules/* ]] && module="$(basename "$doc" .md)"

  while IFS=: read -r line citation; do
    citation="${citation//\`/}"
    file="${citation%%:*}"
    name="${citation#*:}"
    name="${name##*::}"
    candidates=("src/${file#src/}")
    [[ $file != */* && -n $module ]] && candidates+=("src/modules/$module/$file")
    found=0
    for candidate in "${candidates[@]}"; do
      if [[ -f $candidate ]] && grep -qw -- "$name" "$candidate"; then found=1; fi
    done
    ((found)) || complain "$doc:$line" "$citation: no such file under src/, or $name is not in it"
  done < <(grep -noE '`[A-Za-z0-9_./]+\.(cpp|hpp):[A-Za-z_][A-Za-z0-9_:]*`' "$doc" || true)

  while IFS=: read -r line citation; do
    citation="${citation//\`/}"
    if [[ $citation == *'*' ]]; then
      grep -q "^${citation%\*}" "$tests_file" && continue
    else
      grep -qxF "$citation" "$tests_file" && continue
    fi
    complain "$doc:$line" "$citation: no such test in tests/"
  done < <(grep -noE '`[A-Z][A-Za-z0-9_]*\.[A-Z][A-Za-z0-9_]*\*?`' "$doc" || true)
done

if ((stale > 0)); then
  printf '%d stale citations in the docs\n' "$stale" >&2
  exit 1
fi
printf 'docs: every cited function, table and test is there\n'
