#!/usr/bin/env bash
# App is the composition root: it wires the objects together and nothing includes it back.
# Routes and repositories see core/services.hpp (what they may use), never core/app.hpp, so an
# object cannot reach another through the root (issue 19).
# Usage: app_is_the_root_test.sh <source root>
set -euo pipefail
root=${1:-$(cd "$(dirname "$0")/../.." && pwd)}
cd "$root"

offenders=$(grep -rlF '#include "core/app.hpp"' server --include='*.cpp' --include='*.hpp' |
  grep -vxE 'server/core/app\.cpp|server/main\.cpp' | sort || true)
for f in $offenders; do echo "includes core/app.hpp (use core/services.hpp): $f" >&2; done
[[ -z "$offenders" ]]
