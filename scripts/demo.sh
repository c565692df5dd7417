#!/usr/bin/env bash
# The main job on the embedded default: grows as the memory, aligner and glossary land.
set -euo pipefail
cd "$(dirname "$0")/.."
tmkit=${1:-.build/release/tmkit}

seed=Memories/samples/belta-2012-03-01-en.txt

echo "== tmkit $($tmkit --version)"
echo "== Sentences of the seed article (first paragraph):"
$tmkit segment --input "$seed" | head -8

echo "== Translation memory (Memories/default.tmdb): import a real TMX, look up, concordance, export"
tmx=../shared/testdata/tmx/other/my_memory.tmx
if [ -f "$tmx" ]; then $tmkit tm import "$tmx"; fi
$tmkit tm add --from en --to ru "The President of Belarus met the delegation in Minsk on Friday." \
  "Президент Беларуси встретился с делегацией в Минске в пятницу." --origin belta-demo
$tmkit tm search "The President of Belarus met the delegation in Gomel on Monday." --from en --to ru
$tmkit tm concordance "united nations" --lang en --page-size 2
$tmkit tm stats
$tmkit tm export -o Memories/out/en-ru.tmx --from en --to ru
