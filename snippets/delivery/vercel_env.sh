#!/usr/bin/env bash
# Local development against Vercel-managed variables: pull them, and make sure git ignores them.
set -euo pipefail

# --8<-- [start:pull]
ensure_env_ignored() {
  touch .gitignore
  grep -qxF '.env*' .gitignore || printf '%s\n' '.env*' '!.env.example' >> .gitignore
}

ensure_env_ignored
vercel env pull .env.local --environment=development   # values stay in the Vercel dashboard
# --8<-- [end:pull]

ensure_env_ignored   # idempotent: a second run adds nothing
[[ $(grep -cxF '.env*' .gitignore) -eq 1 ]] || { echo ".env* listed twice" >&2; exit 1; }
grep -qxF '!.env.example' .gitignore
echo "env files ignored"
# Output:
# env files ignored
