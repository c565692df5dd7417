#!/usr/bin/env bash
# Runs the whole test suite. Services the tests need are started here and stopped on exit.
set -euo pipefail
cd "$(dirname "$0")/.."
# translate-toolkit reads our TMX exports in the interop tests (Tests/CLITests/TMInteropTests.swift).
if [ ! -x .build/tmkit-venv/bin/python3 ] || ! .build/tmkit-venv/bin/python3 -c 'import translate.storage.tmx' 2>/dev/null; then
  python3 -m venv .build/tmkit-venv
  .build/tmkit-venv/bin/pip install --quiet translate-toolkit rapidfuzz
fi
swift build --build-tests
# The PostgreSQL tests run against $TMKIT_TEST_POSTGRES_URL; without it, a throwaway cluster is started for
# the run (scripts/with-postgres.sh) and stopped when the tests end.
scripts/with-postgres.sh TMKIT_TEST_POSTGRES_URL swift test --skip-build
