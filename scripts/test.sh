#!/usr/bin/env bash
# Install everything the tests need, then run every check the project has.
# Usage: bash scripts/test.sh [pytest arguments]
set -euo pipefail
cd "$(dirname "$0")/.."

python3 -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e ".[test]"

# The JSON Schema consumer tests run ajv under Node; a missing Node fails here.
command -v node >/dev/null || { echo "Node.js 18+ and npm are required" >&2; exit 1; }
npm ci --prefix tests/consumers --no-audit --no-fund --silent

.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/mypy provisioning_schema examples tests
.venv/bin/pytest "$@"
