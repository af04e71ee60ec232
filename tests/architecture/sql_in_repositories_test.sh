#!/usr/bin/env bash
# SQL lives in repositories: every prepare()/exec() in the server is in a file named *_repo.cpp
# (or the db layer itself), behind a function named for what it does. A statement anywhere
# else is how one business rule ends up written in thirteen files (issue 19).
# Usage: sql_in_repositories_test.sh <source root>
set -euo pipefail
root=${1:-$(cd "$(dirname "$0")/../.." && pwd)}
cd "$root"

# The db layer runs SQL by nature: the connection, the migrations runner, the online backup.
layer='^server/db/(database\.(cpp|hpp)|migrator\.cpp|backup\.cpp)$'

# A statement run, or what only a statement just run can tell (the new row's id, rows changed).
statement='[.>](prepare|exec)\(([^)]|$)|[.>](last_insert_id|changes)\(\)'

offenders=$(grep -rlE "$statement" server --include='*.cpp' --include='*.hpp' |
  grep -vE '_repo\.cpp$' | grep -vE "$layer" | sort || true)
for f in $offenders; do
  echo "SQL outside a repository: $f" >&2
  grep -nE "$statement" "$f" | sed 's/^/    /' >&2
done
[[ -z "$offenders" ]]
