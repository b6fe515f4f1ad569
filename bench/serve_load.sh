#!/usr/bin/env bash
# Load benchmark of `rayzan serve` with wrk (Debian's) on loopback.
#
# Workload (fixed, so figures compare across runs):
#   database  100,000 articles: every Persian, Arabic and English article of
#             ../shared/corpora's news sets (farsnews-fa, ant-arabic-news-*,
#             saudinewsnet-ar, tehrantimes-en) and the seeds, repeated with
#             distinct ids and URLs and the publication date moved by whole
#             years per repetition, until 100,000; built once into
#             bench/out/serve-100k.db (rayzan ingest), reused afterwards.
#   endpoints each for DURATION seconds, 50 connections, 2 wrk threads:
#             list    /api/v1/events?page=P&per_page=50, P cycling 1..20, three sorts
#             filter  /api/v1/events?actor=A&per_page=50 over ten actor spellings
#             event   /api/v1/events/ID over 1,000 ids spread over the table
#             search  /api/v1/search?q=W over twenty Persian/Arabic/English words
#   warm-up   every path requested once before its timed run
#   server    rayzan serve --threads 64 --access-log off --cache-mb $CACHE_MB
#             (default 64: repeated requests are answered from memory until
#             the database changes; CACHE_MB=0 computes every answer)
# Prints requests/s and the p50/p99 latency of each endpoint.
#
# usage: bench/serve_load.sh [RAYZAN_BINARY] [DURATION_SECONDS]
#        (defaults: build/rayzan, 20; ARTICLES=N for a smaller database,
#        CACHE_MB=0 without the answer cache, CONNECTIONS=N)
# The figures include wrk's own CPU use on the same cores; the load average
# printed with them tells how busy the machine was otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."
binary=${1:-build/rayzan}
duration=${2:-20}
articles=${ARTICLES:-100000}
connections=${CONNECTIONS:-50}
cache_mb=${CACHE_MB:-64}
shared=${RAYZAN_SHARED:-../shared}
out=bench/out
db=$out/serve-$((articles / 1000))k.db
mkdir -p "$out"
command -v wrk >/dev/null || { echo "serve_load: wrk not installed (apt-get install wrk)" >&2; exit 2; }
[[ -x $binary ]] || { echo "serve_load: no rayzan binary at $binary" >&2; exit 2; }

if [[ ! -s $db ]]; then
  corpus=$out/serve-corpus-$((articles / 1000))k.jsonl
  echo "serve_load: writing $articles articles to $corpus" >&2
  python3 - "$shared" "$articles" > "$corpus" <<'PY'
import json, os, sys
shared, wanted = sys.argv[1], int(sys.argv[2])
sources = ["corpora/farsnews-fa/farsnews_1491.jsonl",
           "corpora/ant-arabic-news-multisource/ant_multisource_subset.jsonl",
           "corpora/ant-arabic-news-jawharafm/ant_jawharafm_v1.1_subset.jsonl",
           "corpora/saudinewsnet-ar/saudinewsnet_subset.jsonl",
           "corpora/tehrantimes-en/tehrantimes_diplomacy_subset.jsonl"]
base = []
for name in sorted(os.listdir(os.path.join(shared, "seeds"))):
    with open(os.path.join(shared, "seeds", name), encoding="utf-8") as f:
        base.append({"id": name.rsplit(".", 1)[0], "text": f.read()})
for source in sources:
    with open(os.path.join(shared, source), encoding="utf-8") as f:
        for line in f:
            record = json.loads(line)
            # The ingest rejects empty and binary texts; leave them out.
            if (record.get("text") or "").strip() and "\0" not in record["text"]:
                base.append(record)
written = 0
repetition = 0
while written < wanted:
    for record in base:
        if written == wanted:
            break
        # Ids and URLs are unique per line: the corpora repeat a few, and
        # the ingest would skip those as already present.
        copy = {"id": f"{written}-{record.get('id', '')}", "text": record["text"]}
        for field in ("title", "lang"):
            if record.get(field):
                copy[field] = record[field]
        url = record.get("url") or f"https://bench.invalid/{record.get('id')}"
        copy["url"] = f"{url}#{written}"
        date = str(record.get("date") or "")[:10]
        if len(date) == 10 and date[:4].isdigit():
            copy["published"] = f"{int(date[:4]) + repetition:04d}{date[4:]}"
        print(json.dumps(copy, ensure_ascii=False))
        written += 1
    repetition += 1
PY
  echo "serve_load: ingesting into $db (once; reused by later runs)" >&2
  start=$(date +%s)
  "$binary" ingest --db "$db.partial" --no-progress "$corpus"
  mv "$db.partial" "$db"
  for suffix in -wal -shm; do [[ -e $db.partial$suffix ]] && mv "$db.partial$suffix" "$db$suffix"; done
  echo "serve_load: ingest took $(( $(date +%s) - start )) s" >&2
fi

work=$(mktemp -d -t rayzan-load.XXXXXX)
server_pid=
cleanup() {
  if [[ -n $server_pid ]]; then kill -TERM "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
"$binary" serve --db "$db" --port 0 --threads 64 --access-log off --no-ui --cache-mb "$cache_mb" \
  > "$work/url" 2> "$work/server.err" &
server_pid=$!
for _ in $(seq 100); do [[ -s $work/url ]] && break; sleep 0.1; done
url=$(head -n 1 "$work/url")
url=${url%/}
[[ -n $url ]] || { echo "serve_load: the server did not start: $(cat "$work/server.err")" >&2; exit 1; }

stats=$(curl -sf "$url/api/v1/stats?top=1")
events=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["events"])' <<< "$stats")
articles_in_db=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["articles"])' <<< "$stats")

# One path file per endpoint; a Lua script walks it round robin.
python3 - "$work" "$events" <<'PY'
import sys, urllib.parse
work, events = sys.argv[1], int(sys.argv[2])
def write(name, paths):
    with open(f"{work}/{name}.paths", "w") as f:
        f.write("\n".join(paths) + "\n")
write("list", [f"/api/v1/events?page={p}&per_page=50&sort={s}" for p in range(1, 21) for s in ("date", "-date", "sources")])
actors = ["Lavrov", "لاوروف", "لافروف", "Blinken", "بلینکن", "Putin", "پوتین", "بوتين", "Erdoğan", "Macron"]
write("filter", [f"/api/v1/events?actor={urllib.parse.quote(a)}&per_page=50" for a in actors])
step = max(1, events // 1000)
write("event", [f"/api/v1/events/{i}" for i in range(1, events + 1, step)][:1000])
words = ["لاوروف", "لافروف", "ستوكهولم", "دیدار", "مذاكرات", "وزير الخارجية", "وزیر امور خارجه", "تهران", "الرياض",
         "Moscow", "sanctions", "Blinken", "سفر", "اتصال هاتفي", "قمة", "نفت", "الأمم المتحدة", "Geneva", "گفت‌وگو", "زيارة"]
write("search", [f"/api/v1/search?q={urllib.parse.quote(w)}&per_page=20" for w in words])
PY
cat > "$work/paths.lua" <<'LUA'
local paths = {}
for line in io.lines(os.getenv("PATHS_FILE")) do paths[#paths + 1] = line end
local counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter % #paths) + 1])
end
done = function(summary, latency, requests)
  local errors = summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("RESULT %.0f %.2f %.2f %.2f %d %d\n", summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000, errors, summary.requests))
end
LUA

echo "serve_load: $articles_in_db articles, $events events; $connections connections, ${duration}s per endpoint," \
     "cache ${cache_mb} MiB, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-8s %10s %10s %10s %10s %8s\n' endpoint 'req/s' 'p50 ms' 'p99 ms' 'max ms' errors
for endpoint in list filter event search; do
  # One request per path first: the first answer of each is computed (and,
  # with the cache, kept), the timed run measures the steady state. The
  # CACHE_MB=0 run shows what computing every answer costs.
  while read -r path; do curl -sf -o /dev/null "$url$path"; done < "$work/$endpoint.paths"
  line=$(PATHS_FILE="$work/$endpoint.paths" wrk -t2 -c"$connections" -d"${duration}s" --timeout 10s \
         -s "$work/paths.lua" "$url" | grep '^RESULT')
  read -r _ rps p50 p99 max errors requests <<< "$line"
  printf '%-8s %10s %10s %10s %10s %8s\n' "$endpoint" "$rps" "$p50" "$p99" "$max" "$errors"
done
