#!/usr/bin/env bash
# BizCard's "Getting started": branch, first E2E test file, commit, push (push is recorded only).
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
# 1. Create the branch for v4.3.0
git checkout -q -b feature/v4.3.0-quality-reliability

# 2. Start with E2E tests: git does not track an empty folder, so add a file to it
mkdir -p backend/app/tests/e2e
touch backend/app/tests/e2e/__init__.py
# ... implement tests

# 3. Raise coverage
# ... add service tests

# 4. Set up the CI/CD enhancements
# ... update workflows

# 5. Commit and open a PR
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
