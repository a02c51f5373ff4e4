#!/usr/bin/env bash
# Installing BizCard's pre-commit hooks into a checkout (pip install is recorded only).
set -euo pipefail
config="$(cd "$(dirname "$0")" && pwd)/pre-commit-config.yaml"

repo=$(mktemp -d)
cd "$repo"
git init -q
cp "$config" .pre-commit-config.yaml

# --8<-- [start:setup]
pip install pre-commit
pre-commit validate-config   # a config error shows here, not on the first commit
pre-commit install           # writes .git/hooks/pre-commit
# --8<-- [end:setup]

test -x .git/hooks/pre-commit && echo "hook installed"
# Output:
# pre-commit installed at .git/hooks/pre-commit
# hook installed
