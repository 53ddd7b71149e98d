#!/usr/bin/env bash
# Fails when a C++ file of the project is not in the format of .clang-format; prints the files to fix
# (run `clang-format -i FILE` on them). Run by scripts/run-tests.sh among the checks.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

mapfile -t files < <(git ls-files -- 'src/*.cpp' 'src/*.hpp' 'tests/*.cpp' 'tests/*.hpp' 'bench/*.cpp' 'bench/*.hpp')
# One clang-format for all files; each misformatted place is reported as "FILE:LINE:COL: error: ...".
if ! report="$(clang-format --dry-run -Werror "${files[@]}" 2>&1)"; then
  printf 'not in the .clang-format format (fix with clang-format -i FILE):\n' >&2
  grep -oE '^[^:]+\.(cpp|hpp)' <<<"$report" | sort -u | sed 's/^/  /' >&2
  exit 1
fi
printf 'format: %d C++ files follow .clang-format\n' "${#files[@]}"
