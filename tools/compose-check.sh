#!/usr/bin/env bash
# CI has no Docker engine, but Debian's docker-compose parses and validates the file without one.
set -euo pipefail
if ! command -v docker-compose >/dev/null; then
  apt-get update -qq && apt-get install -y -qq docker-compose >/dev/null
fi
docker-compose -f "$(dirname "$0")/../docker-compose.yml" config -q
echo "docker-compose.yml is valid"
