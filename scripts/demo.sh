#!/usr/bin/env bash
# The main job on the embedded default memory (Memories/default.tmdb, or $TMKIT_MEMORY):
# align the sample BelTA story EN↔RU and EN↔BE into the memory, look up names and sentences, check the
# renderings against the house glossary, and export the memory as TMX 1.4b.
set -euo pipefail
cd "$(dirname "$0")/.."
tmkit=${1:-.build/release/tmkit}
samples=Memories/samples
story=belta-2012-03-01
out=Memories/out
mkdir -p "$out"

step() { printf '\n== %s\n' "$*"; }

step "$($tmkit --version)"

for lang in ru be; do
  step "Align the English story with its $([ $lang = ru ] && echo Russian || echo Belarusian) version, store the pairs"
  # Beads as source ⇥ target ⇥ confidence; non-1-1 beads show as merged sentences or an empty side.
  $tmkit align "$samples/$story-en.txt" "$samples/$story-$lang.txt" --from en --to $lang \
    --store --origin "$story" --min-confidence 0.5 -o "$out/$story-en-$lang.tsv"
  python3 -c 'import sys
for line in list(open(sys.argv[1], encoding="utf-8"))[:14]:
    s, t, c = (line.rstrip("\n").split("\t") + ["", "", ""])[:3]
    print(f"{s[:60]:<60} | {t[:60]:<60} | {c}")' "$out/$story-en-$lang.tsv"
done

step "What the memory holds"
$tmkit tm stats

step "Look up names and institutions in a Russian sentence (any grammatical case)"
$tmkit glossary lookup --lang ru "Секретарь Совета Безопасности России Николай Патрушев встретился с Александром Лукашенко в Минске."

step "Render a Belarusian sentence in house-style English (guesses marked ⟨…⟩)"
$tmkit render --from be "Аляксандр Лукашэнка сустрэўся з Мікалаем Патрушавым і Пятром Краўчанкам у Магілёве."

step "Fuzzy lookup of an edited English sentence"
$tmkit tm search "Positive and negative aspects of the CSTO military and political union are prominent more than ever." \
  --from en --to ru --min 60

step "Concordance: every pair with ОДКБ"
$tmkit tm concordance "ОДКБ" --lang ru --page-size 3

step "Term check of the Russian–English pairs against the glossary (exit 1 means findings)"
$tmkit check --from ru --to en || true

step "Export the English–Russian memory as TMX 1.4b"
$tmkit tm export -o "$out/$story-en-ru.tmx" --from en --to ru
if command -v xmllint >/dev/null && [ -f ../shared/testdata/tmx/tmx14.dtd ]; then
  xmllint --noout --dtdvalid ../shared/testdata/tmx/tmx14.dtd "$out/$story-en-ru.tmx" && echo "valid against the TMX 1.4 DTD"
fi
head -c 900 "$out/$story-en-ru.tmx"; echo " …"
