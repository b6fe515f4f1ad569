#!/bin/sh
# End to end on a web archive: `rayzan code` on a .warc.gz holding every page
# of the extraction benchmark (1,396 pages, one gzip member per response
# record, as crawlers write them), on 1 and on 2 threads. Reports wall time,
# pages per second and peak memory; the events go to /dev/null.
#
# Usage: bench/warc_code_bench.sh BUILD_DIR
#   BUILD_DIR holds rayzan and bench/extract_eval (its --list-pages gives
#   the pages; they live under ../shared/corpora).
set -eu
build=${1:?usage: $0 BUILD_DIR}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$build/bench/extract_eval" --list-pages "$work/pages.tsv"
/usr/bin/python3 - "$work/pages.tsv" "$work/pages.warc.gz" <<'PY'
import gzip, sys, uuid
pages, out = sys.argv[1], sys.argv[2]
count = 0
with open(out, 'wb') as warc:
    for line in open(pages, encoding='utf-8'):
        set_name, page_id, path, url = (line.rstrip('\n').split('\t') + [''] * 4)[:4]
        opener = gzip.open if path.endswith('.gz') else open
        with opener(path, 'rb') as f:
            body = f.read()
        http = (b'HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d\r\n\r\n' % len(body)) + body
        uri = url or 'https://bench.example/%s/%s' % (set_name, page_id)
        header = ('WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: %s\r\n'
                  'WARC-Date: 2026-01-01T00:00:00Z\r\nWARC-Record-ID: <urn:uuid:%s>\r\n'
                  'Content-Type: application/http; msgtype=response\r\nContent-Length: %d\r\n\r\n'
                  % (uri, uuid.uuid4(), len(http))).encode()
        warc.write(gzip.compress(header + http + b'\r\n\r\n'))
        count += 1
print('%d pages in %s' % (count, out), file=sys.stderr)
PY
ls -l "$work/pages.warc.gz" | awk '{printf "archive: %.1f MB gzipped\n", $5 / 1e6}'
pages=$(wc -l < "$work/pages.tsv")
for threads in 1 2; do
  /usr/bin/time -f "%e %M" -o "$work/time" "$build/rayzan" code --threads "$threads" --quiet "$work/pages.warc.gz" \
    > "$work/events.jsonl" || true
  read -r seconds kb < "$work/time"
  events=$(wc -l < "$work/events.jsonl")
  echo "$threads thread(s): $pages pages, $events events, $seconds s wall, \
$(python3 -c "print(f'{$pages / max($seconds, 0.01):.0f}')") pages/s, peak $(python3 -c "print(f'{$kb / 1024:.1f}')") MB"
done
