#!/usr/bin/env bash
# deploy/crm-backup as the nightly timer runs it: a real online copy of a live database that
# opens with its data, and rotation that keeps only the newest CRM_BACKUP_KEEP copies.
set -euo pipefail
server=$1
here=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export CRM_DB=$work/crm.db CRM_SEED=1 CRM_BACKUP_DIR=$work/backups CRM_BACKUP_KEEP=3 CRM_SERVER=$server
"$server" --migrate-only >/dev/null
mkdir -p "$CRM_BACKUP_DIR"
# Four older copies, by name from oldest to newest, and a file that is not a copy.
for stamp in 20260101-031500 20260102-031500 20260103-031500 20260104-031500; do
  echo old > "$CRM_BACKUP_DIR/crm-$stamp.db"
done
echo keep me > "$CRM_BACKUP_DIR/notes.txt"

"$here/deploy/crm-backup" >/dev/null

fail() { echo "FAIL: $*" >&2; exit 1; }
mapfile -t left < <(cd "$CRM_BACKUP_DIR" && ls crm-*.db | sort)
[[ ${#left[@]} == 3 ]] || fail "expected 3 copies, found ${#left[@]}: ${left[*]}"
[[ ${left[0]} == crm-20260103-031500.db && ${left[1]} == crm-20260104-031500.db ]] || fail "wrong copies kept: ${left[*]}"
new=$CRM_BACKUP_DIR/${left[2]}
[[ $(sqlite3 "$new" 'PRAGMA integrity_check;') == ok ]] || fail "the new copy is damaged"
users=$(sqlite3 "$new" 'SELECT COUNT(*) FROM users;')
[[ $users == 3 ]] || fail "the new copy has $users users, expected the 3 seeded"
[[ -f $CRM_BACKUP_DIR/notes.txt ]] || fail "rotation removed a file that is not a copy"
[[ $(stat -c %a "$new") == 600 ]] || fail "the copy is readable by others ($(stat -c %a "$new"))"
CRM_BACKUP_KEEP=0 "$here/deploy/crm-backup" 2>/dev/null && fail "KEEP=0 accepted"
echo "backup rotation: ok"
