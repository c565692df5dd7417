#!/usr/bin/env bash
# Installs the system packages tmkit needs (as root), or prints the exact apt command (otherwise).
# Usage: scripts/setup.sh [build|test|bench]  — test and bench add the tools their checks run against.
set -euo pipefail
purpose=${1:-build}

packages=(pkg-config libicu-dev libstemmer-dev libhunspell-dev hunspell-ru hunspell-be libxml2-dev libsqlite3-dev
          mueller7-dict unzip zlib1g-dev dict-freedict-eng-rus libpq-dev python3
          apertium-bel-rus lttoolbox-dev)
case "$purpose" in
  test) packages+=(libxml2-utils icu-devtools python3-venv postgresql curl) ;;
  bench) packages+=(icu-devtools python3-venv postgresql wrk) ;;
esac

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if ! command -v swift >/dev/null; then
  echo "tmkit needs the Swift 6 toolchain on PATH (swift --version)." >&2
  exit 1
fi

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "Installing: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "tmkit needs these packages; run:" >&2
    echo "  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi
