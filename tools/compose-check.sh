#!/usr/bin/env bash
# CI has no Docker engine, but Debian's docker-compose parses and validates the file without one
# (.ci/run installs it; locally: apt-get install docker-compose).
set -euo pipefail
command -v docker-compose >/dev/null || { echo "docker-compose is not installed" >&2; exit 1; }
docker-compose -f "$(dirname "$0")/../docker-compose.yml" config -q
echo "docker-compose.yml is valid"
