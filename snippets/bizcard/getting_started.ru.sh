#!/usr/bin/env bash
# BizCard's "Getting started" with the roadmap's own comments, for the Russian page; the same
# commands as getting_started.sh (push is recorded only).
set -euo pipefail

# A throwaway repository standing in for the project checkout.
repo=$(mktemp -d)
cd "$repo"
git init -q -b main
git config user.email dev@example.com
git config user.name "Dev"
echo "# BizCard" > README.md
git add README.md
git commit -q -m "initial"

# --8<-- [start:steps]
# 1. Создать ветку для v4.3.0
git checkout -q -b feature/v4.3.0-quality-reliability

# 2. Начать с E2E tests (git не хранит пустой каталог, поэтому в нём файл)
mkdir -p backend/app/tests/e2e
touch backend/app/tests/e2e/__init__.py
# ... implement tests

# 3. Увеличить coverage
# ... add service tests

# 4. Setup CI/CD enhancements
# ... update workflows

# 5. Commit & PR
git add backend/
git commit -q -m "feat: v4.3.0 Quality & Reliability improvements"
git push origin feature/v4.3.0-quality-reliability
# --8<-- [end:steps]

git log --format=%s
git show --name-only --format= HEAD
# Output:
# feat: v4.3.0 Quality & Reliability improvements
# initial
# backend/app/tests/e2e/__init__.py
