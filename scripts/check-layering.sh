#!/usr/bin/env bash
# Fails when a module reaches into another module past its published header, or when a pure rule
# file includes the store, HTTP, audit, auth or app layers (docs/architecture.md, A module); prints
# each offending FILE:LINE. Run by scripts/run-tests.sh among the checks.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# The pure files of each module NAME, as "NAME FILE" lines: the sources of its weizhi_rules_NAME
# library (the RULES of its weizhi_module call in src/CMakeLists.txt) and their headers, its
# rules.hpp and model.hpp, and its published header NAME.hpp, which other modules' rules include.
pure_files() {
  awk '
    /^weizhi_module\(/ { name = substr($1, length("weizhi_module(") + 1); inside = 1; taking = 0 }
    inside {
      for (i = 1; i <= NF; i++) {
        if ($i == "RULES") { taking = 1; continue }
        if ($i == "SOURCES" || $i == "DEPENDS") taking = 0
        word = $i; sub(/\)$/, "", word)
        if (taking && word ~ /\.cpp$/) { print name, "src/" word; sub(/\.cpp$/, ".hpp", word); print name, "src/" word }
        if ($i ~ /\)$/) { inside = 0; taking = 0 }
      }
    }' src/CMakeLists.txt
  for dir in src/modules/*/; do
    local name
    name="$(basename "$dir")"
    printf '%s %s\n' "$name" "${dir}rules.hpp" "$name" "${dir}model.hpp" "$name" "${dir}$name.hpp"
  done
}

mapfile -t files < <(find src/modules -mindepth 2 \( -name '*.cpp' -o -name '*.hpp' \) | sort)
# Every include of every module file as FILE:LINE:PATH, then the pure files, in one pass.
report="$(
  {
    pure_files | while read -r name file; do [[ -f $file ]] && printf 'pure %s %s\n' "$name" "$file"; done
    grep -nE '^[[:space:]]*#[[:space:]]*include[[:space:]]+"[^"]+"' "${files[@]}" |
      sed -E 's|^([^:]+):([0-9]+):.*"([^"]+)".*$|include \1 \2 \3|'
  } | awk '
    $1 == "pure" { pure[$3] = $2; own_pure[$2 "/" substr($3, length("src/modules/" $2 "/") + 1)] = 1; next }
    $1 == "include" { n++; file[n] = $2; line[n] = $3; path[n] = $4 }
    END {
      for (i = 1; i <= n; i++) {
        split(file[i], parts, "/"); module = parts[3]; where = file[i] ":" line[i] ": "
        if (path[i] ~ /^modules\/[a-z0-9_]+\//) {
          split(path[i], target, "/"); other = target[2]; header = substr(path[i], length("modules/" other "/") + 1)
          if (other != module && header != other ".hpp")
            print where "includes " path[i] "; another module is included only through modules/" other "/" other ".hpp"
        }
        if (!(file[i] in pure)) continue
        if (path[i] ~ /^(http|store|audit|auth|app)\//)
          print where "includes " path[i] "; a pure rule file (and what it includes) uses no store, HTTP, audit, auth or app"
        else if (path[i] ~ /^modules\/[a-z0-9_]+\// && other == module && !((module "/" header) in own_pure))
          print where "includes " path[i] ", which is not one of its module'"'"'s pure files (rules, model, published header, rules library)"
        else if (path[i] ~ /^modules\/[^\/]+$/)
          print where "includes " path[i] "; a pure rule file does not include the module descriptors"
      }
      for (f in pure) count++
      print "checked " n " " count
    }'
)"

offences="$(grep -v '^checked ' <<<"$report" || true)"
read -r _ includes pure_count < <(grep '^checked ' <<<"$report")
if [[ -n $offences ]]; then
  printf 'layering broken (docs/architecture.md, A module):\n' >&2
  sed 's/^/  /' <<<"$offences" >&2
  exit 1
fi
published=()
for dir in src/modules/*/; do
  name="$(basename "$dir")"
  [[ -f $dir$name.hpp ]] && published+=("$name/$name.hpp")
done
printf 'layering: %d files under src/modules (%d includes) reach other modules only through their published headers (%s)\n' \
  "${#files[@]}" "$includes" "${published[*]}"
printf 'layering: %d pure files (rules, models, published headers, weizhi_rules_* sources) include no http/, store/, audit/, auth/ or app/\n' \
  "$pure_count"
