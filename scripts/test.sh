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
# Bounded, so a hung worker process fails the run instead of stalling CI.
timeout 2400 .venv/bin/pytest "$@"

# The model tests again, on the oldest dependency releases the package allows.
python3 -m venv .venv-oldest
.venv-oldest/bin/python -m pip install --quiet -r tests/oldest-dependencies.txt
.venv-oldest/bin/python -m pip install --quiet --no-deps -e .
.venv-oldest/bin/python -m pytest -p no:cacheprovider \
    tests/test_types.py tests/test_contact.py tests/test_devices.py \
    tests/test_request.py tests/test_response.py tests/test_roundtrip.py \
    tests/test_fast_path.py tests/test_differential_records.py
