#!/usr/bin/env bash
# The main job on the embedded default: grows as the memory, aligner and glossary land.
set -euo pipefail
cd "$(dirname "$0")/.."
tmkit=${1:-.build/release/tmkit}

seed=Memories/samples/belta-2012-03-01-en.txt

echo "== tmkit $($tmkit --version)"
echo "== Sentences of the seed article (first paragraph):"
$tmkit segment --input "$seed" | head -8
