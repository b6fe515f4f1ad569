#!/bin/sh
# Side by side on the same pages: Rayzan's html stage against Debian's
# python3-readability (readability-lxml 0.8.1), main-text F1 with each
# benchmark's own metric (scored by extract_eval) and pages per second.
#
# Usage: bench/compare_readability.sh BUILD_DIR [--quick]
#   BUILD_DIR holds bench/extract_eval (cmake -DRAYZAN_BUILD_BENCH=ON).
# Installs Debian's python3-readability and python3-lxml when missing
# (scripts/setup --bench).
#
# Timing scope, the same for both: from the page bytes in memory to plain
# text (charset detection + parse + extraction); reading and gunzipping the
# files is outside the clock. Both clocks are thread CPU time, so other load
# on a shared machine does not distort the ratio. Rayzan also extracts all
# metadata in that time; readability only produces the article HTML, which
# we turn into text.
set -eu
build=${1:?usage: $0 BUILD_DIR [--quick]}
quick=${2:-}
eval_bin="$build/bench/extract_eval"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if ! /usr/bin/python3 -c 'import readability, lxml' 2>/dev/null; then
  "$(dirname "$0")/../scripts/setup" --bench
fi

"$eval_bin" $quick --list-pages "$work/pages.tsv"

# Debian's interpreter: python3-readability lives in its dist-packages.
/usr/bin/python3 - "$work/pages.tsv" "$work/readability" <<'PY'
import gzip, os, sys, time
import lxml.html
from readability import Document

pages_file, out_dir = sys.argv[1], sys.argv[2]
BLOCK = {'p', 'div', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'tr', 'td', 'th', 'br', 'article', 'section',
         'blockquote', 'pre', 'ul', 'ol', 'table', 'figure', 'figcaption', 'dd', 'dt', 'header', 'footer'}

def to_text(summary_html):
    root = lxml.html.fromstring(summary_html)
    for el in root.iter():
        if isinstance(el.tag, str) and el.tag.lower() in BLOCK:
            el.tail = '\n' + (el.tail or '')
    return root.text_content()

per_set = {}
for line in open(pages_file, encoding='utf-8'):
    set_name, page_id, path, url = (line.rstrip('\n').split('\t') + [''] * 4)[:4]
    opener = gzip.open if path.endswith('.gz') else open
    with opener(path, 'rb') as f:
        data = f.read()
    start = time.thread_time()
    try:
        text = to_text(Document(data, url=url or None).summary(html_partial=True))
    except Exception as e:  # readability raises on empty or unparsable pages
        text = ''
    elapsed = time.thread_time() - start
    n, t = per_set.get(set_name, (0, 0.0))
    per_set[set_name] = (n + 1, t + elapsed)
    target = os.path.join(out_dir, set_name, page_id + '.txt')
    os.makedirs(os.path.dirname(target), exist_ok=True)
    with open(target, 'w', encoding='utf-8') as f:
        f.write(text)

total_n = sum(n for n, _ in per_set.values())
total_t = sum(t for _, t in per_set.values())
print('\nreadability-lxml pages/s')
for name, (n, t) in per_set.items():
    print(f'{name:<22} {n:6d} {n / t:10.1f}')
print(f'{"all":<22} {total_n:6d} {total_n / total_t:10.1f}  ({1000 * total_t / total_n:.2f} ms/page)')
with open(os.path.join(out_dir, 'speed'), 'w') as f:
    f.write(f'{total_n / total_t}\n')
PY

"$eval_bin" $quick --score-external "$work/readability" --name "readability-lxml (python3-readability, Debian)"
"$eval_bin" $quick | tee "$work/rayzan.txt"
ours=$(awk '/^all \(extraction only\)/ {print $5}' "$work/rayzan.txt")
theirs=$(cat "$work/readability/speed")
python3 -c "print(f'\nspeed ratio Rayzan / readability-lxml: {float(\"$ours\") / float(\"$theirs\"):.1f}x')"
