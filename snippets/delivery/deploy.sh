#!/usr/bin/env bash
# deployment/deploy.sh of the CVD stack: pull, build, migrate, start, health-check, and roll
# back to the previous commit when the new release does not become healthy.
set -euo pipefail

# --8<-- [start:script]
APP_URL=${APP_URL:-http://127.0.0.1:5000}
HEALTH_RETRIES=${HEALTH_RETRIES:-20}
HEALTH_DELAY=${HEALTH_DELAY:-3}
steps=()

log() { steps+=("$1"); echo "deploy: $1"; }

health_ok() { curl -fsS --max-time 3 "$APP_URL/health/ready" >/dev/null; }

wait_healthy() {
  local attempt
  for ((attempt = 1; attempt <= HEALTH_RETRIES; attempt++)); do
    if health_ok; then return 0; fi
    sleep "$HEALTH_DELAY"
  done
  return 1
}

deploy() {
  local previous
  previous=$(git rev-parse HEAD)
  log "pull"
  git pull --ff-only origin main
  log "build"
  docker compose build --pull
  log "migrate"        # backward-compatible migrations only: the old release must still run
  docker compose run --rm cvd-app python migrate_database.py
  log "start"
  docker compose up -d
  if wait_healthy; then
    log "healthy"
    return 0
  fi
  log "rollback"
  git checkout --detach "$previous"
  docker compose build
  docker compose up -d
  return 1
}
# --8<-- [end:script]

# --- Checks, run against stubs of git, docker and curl that record their calls -------------
HEALTH_DELAY=0
HEALTH_RETRIES=3
# A real checkout to remember and return to (git pull itself is stubbed).
git init -q .
git -c user.name=ci -c user.email=ci@example.test commit -q --allow-empty -m "release 1"
release=$(git rev-parse HEAD)

deploy >/dev/null
[[ "${steps[*]}" == "pull build migrate start healthy" ]] || {
  echo "unexpected steps: ${steps[*]}" >&2; exit 1; }

# --8<-- [start:rollback-check]
# A release that never answers its readiness check is rolled back, and the deploy fails.
steps=()
checks=0
health_ok() { checks=$((checks + 1)); return 1; }
if deploy >/dev/null; then
  echo "a failing health check must fail the deploy" >&2; exit 1
fi
[[ "${steps[*]}" == "pull build migrate start rollback" ]] || {
  echo "unexpected steps: ${steps[*]}" >&2; exit 1; }
[[ $checks -eq 3 ]] || { echo "expected 3 health checks, got $checks" >&2; exit 1; }
[[ $(git rev-parse HEAD) == "$release" ]]  # back on the remembered commit
# --8<-- [end:rollback-check]
echo "deploy and rollback paths checked"
# Output:
# deploy and rollback paths checked
