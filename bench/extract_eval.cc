// extract_eval: main-text F1 and publication-date accuracy of the html stage
// on third-party gold, with each benchmark's own scoring convention.
//
// Workload (fixed; all under --corpora, default ../shared/corpora):
//   scrapinghub-aeb-en   181 pages, human articleBody; 4-gram shingle P/R
//                        averaged over pages (scrapinghub evaluate.py)
//   trafilatura-eval     312 pages, must/must-not segments; F1 = 2TP/(2TP+FP+FN)
//                        summed over pages (trafilatura tests/eval_common.py); date gold
//   mozilla-readability  130 pages, tag-stripped expected.html; shingle metric; publishedTime
//   wcxb-articles-en     218 pages, main_content; lower-cased \w+ bag-of-words F1 per
//                        page, averaged (WCXB README); shingle F1 also shown; publish_date
//   htmldate-eval        476 pages, gold day (NaN = no date); exact-day accuracy
//   htmldate-fa-ar       the 10 Persian/Arabic pages of htmldate-eval, listed in its SOURCE.md
//   voa-dari             68 Dari article pages; date = first datetime (index.jsonl); no text
//                        gold, so the text column is the share of pages with >= 500 chars
//   newspaper-arabic     1 CNN Arabic page + expected text; shingle metric
// Pages are read and gunzipped before the clock starts; the clock (thread CPU
// time, so other load on the machine does not count) covers charset decoding
// + parsing + extraction + metadata (ExtractPageFromBytes).
//
// Usage: extract_eval [--corpora DIR] [--quick] [--set NAME] [--dump DIR]
//          [--floor SET=F1]... [--date-floor SET=ACC]...
//          [--list-pages FILE] [--score-external DIR --name LABEL]
//   --quick       first 60 pages of each set (the regression test)
//   --threads N   also time extraction of all loaded pages on N threads (wall clock)
//   --floor       exit 1 when a set's main-text F1 is below the floor
//   --list-pages  write "set\tid\tpath\turl" for bench/compare_readability.sh and exit
//   --score-external  score DIR/<set>/<id>.txt files written by another extractor
#include <zlib.h>

#include <nlohmann/json.hpp>
#include <unicode/uchar.h>

#include <algorithm>
#include <atomic>
#include <thread>
#include <chrono>
#include <ctime>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <gumbo.h>

#include "rayzan/html.h"
#include "rayzan/text.h"

namespace fs = std::filesystem;
constexpr size_t kQuickPages = 60;
using rayzan::ExtractedPage;

namespace {

enum class Metric { kShingle, kSegments, kBagOfWords, kNone };

struct Page {
  std::string set, id, path, url;
  std::string gold_text;                     // full text gold
  std::vector<std::string> with, without;    // segment gold
  std::string gold_date;                     // YYYY-MM-DD, "" = no date expected
  bool has_date_gold = false;
  std::string gold_title, gold_author;       // "" = no gold for the field
};

struct SetSpec {
  std::string name;
  Metric metric;
  std::vector<Page> pages;
};

std::string ReadFile(const std::string& path) {
  if (path.size() > 3 && path.compare(path.size() - 3, 3, ".gz") == 0) {
    gzFile f = gzopen(path.c_str(), "rb");
    if (!f) return "";
    std::string out;
    char buf[1 << 16];
    int n;
    while ((n = gzread(f, buf, sizeof buf)) > 0) out.append(buf, n);
    gzclose(f);
    return out;
  }
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

nlohmann::json ReadJson(const std::string& path) {
  std::string s = ReadFile(path);
  // eval_mediacloud_2020.json has bare NaN values (see its SOURCE.md).
  for (size_t p = s.find(": NaN"); p != std::string::npos; p = s.find(": NaN", p)) s.replace(p, 5, ": null");
  return nlohmann::json::parse(s, nullptr, false);
}

std::string Str(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::string DayOf(const std::string& s) {
  if (s.size() >= 10 && s[4] == '-' && s[7] == '-') return s.substr(0, 10);
  return "";
}

// CPU time of this thread: the machine running the benchmark is shared, and
// CPU time (unlike wall time) does not count the time other processes run.
double ThreadCpuSeconds() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec * 1e-9;
}

// ---- tokenisation: Python's \w+ (letters, digits, underscore; not marks)
std::vector<std::string> Tokens(std::string_view text, bool lower) {
  std::vector<std::string> out;
  std::string cur;
  uint32_t i = 0;
  int64_t bad = rayzan::FindInvalidUtf8(text);
  if (bad >= 0) text = text.substr(0, bad);
  while (i < text.size()) {
    uint32_t start = i;
    char32_t c = rayzan::DecodeUtf8(text, &i);
    int8_t type = u_charType(c);
    bool word = c == '_' || u_isalpha(c) || type == U_DECIMAL_DIGIT_NUMBER || type == U_OTHER_NUMBER ||
                type == U_LETTER_NUMBER;
    if (word) {
      if (lower && c < 128) cur.push_back(static_cast<char>(tolower(static_cast<int>(c))));
      else if (lower) rayzan::AppendUtf8(u_tolower(c), &cur);
      else cur.append(text.substr(start, i - start));
    } else if (!cur.empty()) {
      out.push_back(std::move(cur));
      cur.clear();
    }
  }
  if (!cur.empty()) out.push_back(std::move(cur));
  return out;
}

struct TpFpFn {
  double tp = 0, fp = 0, fn = 0;
};

// scrapinghub evaluate.py: multiset of 4-token shingles, counts normalised by
// their sum per page.
TpFpFn ShingleMatch(const std::string& gold, const std::string& pred) {
  auto shingles = [](const std::string& text) {
    std::vector<std::string> t = Tokens(text, false);
    std::unordered_map<std::string, int> m;
    size_t n = std::max<size_t>(1, t.size() >= 4 ? t.size() - 3 : 1);
    for (size_t i = 0; i < n && !t.empty(); ++i) {
      std::string key;
      for (size_t k = i; k < std::min(t.size(), i + 4); ++k) {
        key += t[k];
        key.push_back('\x1f');
      }
      ++m[key];
    }
    return m;
  };
  auto g = shingles(gold), p = shingles(pred);
  TpFpFn r;
  for (const auto& [k, gc] : g) {
    auto it = p.find(k);
    int pc = it == p.end() ? 0 : it->second;
    r.tp += std::min(gc, pc);
    r.fn += std::max(0, gc - pc);
  }
  for (const auto& [k, pc] : p) {
    auto it = g.find(k);
    int gc = it == g.end() ? 0 : it->second;
    r.fp += std::max(0, pc - gc);
  }
  double s = r.tp + r.fp + r.fn;
  if (s > 0) r.tp /= s, r.fp /= s, r.fn /= s;
  return r;
}

double BagOfWordsF1(const std::string& gold, const std::string& pred, double* p_out, double* r_out) {
  std::unordered_map<std::string, int> g, p;
  for (auto& t : Tokens(gold, true)) ++g[t];
  size_t np = 0, ng = 0;
  for (auto& [k, v] : g) ng += v;
  for (auto& t : Tokens(pred, true)) ++p[t], ++np;
  double common = 0;
  for (auto& [k, v] : p) {
    auto it = g.find(k);
    if (it != g.end()) common += std::min(v, it->second);
  }
  double prec = np ? common / np : 0, rec = ng ? common / ng : 0;
  *p_out = prec;
  *r_out = rec;
  return prec + rec > 0 ? 2 * prec * rec / (prec + rec) : 0;
}

std::string NormalizeSpace(const std::string& s) {
  std::string out;
  for (char c : s) {
    bool sp = c == ' ' || c == '\n' || c == '\t' || c == '\r';
    if (sp) {
      if (!out.empty() && out.back() != ' ') out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

void GumboText(const GumboNode* n, std::string* out) {
  if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_WHITESPACE) {
    out->append(n->v.text.text);
    return;
  }
  if (n->type != GUMBO_NODE_ELEMENT && n->type != GUMBO_NODE_DOCUMENT) return;
  const GumboVector& ch = n->type == GUMBO_NODE_DOCUMENT ? n->v.document.children : n->v.element.children;
  for (unsigned i = 0; i < ch.length; ++i) {
    GumboText(static_cast<const GumboNode*>(ch.data[i]), out);
    out->push_back('\n');
  }
}

std::string StripTags(const std::string& html) {
  GumboOutput* o = gumbo_parse(html.c_str());
  std::string s;
  GumboText(o->document, &s);
  gumbo_destroy_output(&kGumboDefaultOptions, o);
  return s;
}

// ---- loaders
SetSpec LoadScrapinghub(const fs::path& dir) {
  SetSpec s{"scrapinghub-aeb-en", Metric::kShingle, {}};
  nlohmann::json gt = ReadJson(dir / "ground-truth.json");
  if (!gt.is_object()) return s;
  for (auto& [id, v] : gt.items()) {
    Page p;
    p.set = s.name, p.id = id, p.path = dir / "html" / (id + ".html.gz");
    p.url = Str(v, "url");
    p.gold_text = Str(v, "articleBody");
    s.pages.push_back(std::move(p));
  }
  return s;
}

SetSpec LoadTrafilatura(const fs::path& dir) {
  SetSpec s{"trafilatura-eval", Metric::kSegments, {}};
  nlohmann::json gt = ReadJson(dir / "evaldata-subset.json");
  if (!gt.is_object()) return s;
  for (auto& [url, v] : gt.items()) {
    Page p;
    p.set = s.name, p.id = Str(v, "file"), p.path = dir / "html" / (p.id + ".gz");
    p.url = url.rfind("hard::", 0) == 0 ? "" : url;
    for (const char* key : {"with", "without"}) {
      auto it = v.find(key);
      if (it == v.end() || !it->is_array()) continue;
      for (auto& seg : *it) {
        if (seg.is_string()) (key[4] ? p.without : p.with).push_back(NormalizeSpace(seg.get<std::string>()));
      }
    }
    p.gold_date = DayOf(Str(v, "date"));
    p.has_date_gold = !p.gold_date.empty();
    p.gold_title = Str(v, "title");
    p.gold_author = Str(v, "author");
    s.pages.push_back(std::move(p));
  }
  return s;
}

SetSpec LoadMozilla(const fs::path& dir) {
  SetSpec s{"mozilla-readability", Metric::kShingle, {}};
  std::vector<fs::path> dirs;
  for (auto& e : fs::directory_iterator(dir))
    if (e.is_directory()) dirs.push_back(e.path());
  std::sort(dirs.begin(), dirs.end());
  for (auto& d : dirs) {
    Page p;
    p.set = s.name, p.id = d.filename(), p.path = d / "source.html";
    p.gold_text = StripTags(ReadFile(d / "expected.html"));
    nlohmann::json m = ReadJson(d / "expected-metadata.json");
    if (m.is_object()) {
      p.gold_date = DayOf(Str(m, "publishedTime"));
      p.has_date_gold = !p.gold_date.empty();
      p.gold_title = Str(m, "title");
      p.gold_author = Str(m, "byline");
    }
    s.pages.push_back(std::move(p));
  }
  return s;
}

SetSpec LoadWcxb(const fs::path& dir) {
  SetSpec s{"wcxb-articles-en", Metric::kBagOfWords, {}};
  std::vector<fs::path> files;
  for (auto& e : fs::directory_iterator(dir / "ground-truth")) files.push_back(e.path());
  std::sort(files.begin(), files.end());
  for (auto& f : files) {
    nlohmann::json j = ReadJson(f);
    if (!j.is_object()) continue;
    Page p;
    p.set = s.name, p.id = f.stem(), p.path = dir / "html" / (p.id + ".html.gz");
    p.url = Str(j, "url");
    auto gt = j.find("ground_truth");
    if (gt != j.end()) {
      p.gold_text = Str(*gt, "main_content");
      p.gold_date = DayOf(Str(*gt, "publish_date"));
      p.has_date_gold = !p.gold_date.empty();
    }
    s.pages.push_back(std::move(p));
  }
  return s;
}

SetSpec LoadHtmldate(const fs::path& dir, bool fa_ar_only) {
  // The Persian and Arabic news pages named in htmldate-eval/SOURCE.md.
  static const char* kFaAr[] = {"1523806243.html", "1602557452.html", "1641304459.html", "1691196862.html",
                                "1784190729.html", "1623715966.html", "1731695567.html", "1588107198.html",
                                "1550981615.html", "1806793639.html"};
  SetSpec s{fa_ar_only ? "htmldate-fa-ar" : "htmldate-eval", Metric::kNone, {}};
  for (auto [json, sub] : {std::pair{"eval_mediacloud_2020.json", "html-mediacloud2020"},
                           std::pair{"eval_default-subset.json", "html-default"}}) {
    nlohmann::json gt = ReadJson(dir / json);
    if (!gt.is_object()) continue;
    for (auto& [url, v] : gt.items()) {
      Page p;
      p.set = s.name, p.id = Str(v, "file"), p.path = dir / sub / (p.id + ".gz");
      if (fa_ar_only && std::find(std::begin(kFaAr), std::end(kFaAr), p.id) == std::end(kFaAr)) continue;
      p.url = url;
      p.gold_date = DayOf(Str(v, "date"));
      p.has_date_gold = true;  // an empty gold expects no date
      s.pages.push_back(std::move(p));
    }
  }
  return s;
}

SetSpec LoadVoaDari(const fs::path& dir) {
  SetSpec s{"voa-dari", Metric::kNone, {}};
  std::ifstream in(dir / "index.jsonl");
  std::string line;
  while (std::getline(in, line)) {
    nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
    if (!j.is_object() || Str(j, "kind") != "article") continue;
    Page p;
    p.set = s.name, p.id = Str(j, "file"), p.path = dir / p.id;
    p.url = Str(j, "url");
    p.gold_date = DayOf(Str(j, "date"));
    p.has_date_gold = !p.gold_date.empty();
    s.pages.push_back(std::move(p));
  }
  return s;
}

SetSpec LoadNewspaperArabic(const fs::path& dir) {
  SetSpec s{"newspaper-arabic", Metric::kShingle, {}};
  Page p;
  p.set = s.name, p.id = "arabic_article", p.path = dir / "arabic_article.html";
  p.url = "http://arabic.cnn.com/2013/middle_east/8/3/syria.clashes/index.html";
  p.gold_text = ReadFile(dir / "arabic_article.expected_text.txt");
  s.pages.push_back(std::move(p));
  return s;
}

struct SetResult {
  std::string name;
  size_t pages = 0;
  double f1 = -1, precision = 0, recall = 0, shingle_f1 = -1;
  size_t date_total = 0, date_correct = 0, date_predicted = 0;
  size_t title_total = 0, title_correct = 0, author_total = 0, author_correct = 0;
  double seconds = 0;
  size_t bytes = 0;
};

struct Scorer {
  std::vector<TpFpFn> shingles;
  double seg_tp = 0, seg_fp = 0, seg_fn = 0;
  double bow_f1 = 0, bow_p = 0, bow_r = 0;
  size_t bow_n = 0, long_texts = 0, n = 0;

  void Add(Metric metric, const Page& p, const std::string& text) {
    ++n;
    if (text.size() >= 500) ++long_texts;
    if (metric == Metric::kShingle || metric == Metric::kBagOfWords) shingles.push_back(ShingleMatch(p.gold_text, text));
    if (metric == Metric::kSegments) {
      std::string norm = NormalizeSpace(text);
      for (auto& w : p.with) (norm.find(w) != std::string::npos ? seg_tp : seg_fn) += 1;
      for (auto& w : p.without) seg_fp += norm.find(w) != std::string::npos ? 1 : 0;
    }
    if (metric == Metric::kBagOfWords) {
      double pp, rr;
      bow_f1 += BagOfWordsF1(p.gold_text, text, &pp, &rr);
      bow_p += pp, bow_r += rr;
      ++bow_n;
    }
  }

  void Finish(Metric metric, SetResult* r) const {
    auto shingle_scores = [&](double* f1, double* prec, double* rec) {
      double ps = 0, rs = 0;
      size_t pn = 0, rn = 0;
      for (auto& t : shingles) {
        auto pscore = [&] { return (t.fp == 0 && t.fn == 0) ? 1.0 : (t.tp == 0 && t.fp == 0) ? 0.0 : t.tp / (t.tp + t.fp); };
        auto rscore = [&] { return (t.fp == 0 && t.fn == 0) ? 1.0 : (t.tp == 0 && t.fn == 0) ? 0.0 : t.tp / (t.tp + t.fn); };
        if (t.tp + t.fp > 0) ps += pscore(), ++pn;
        if (t.tp + t.fn > 0) rs += rscore(), ++rn;
      }
      *prec = pn ? ps / pn : 0;
      *rec = rn ? rs / rn : 0;
      *f1 = *prec + *rec > 0 ? 2 * *prec * *rec / (*prec + *rec) : 0;
    };
    if (metric == Metric::kShingle) shingle_scores(&r->f1, &r->precision, &r->recall);
    if (metric == Metric::kBagOfWords) {
      double p, rc;
      shingle_scores(&r->shingle_f1, &p, &rc);
      r->f1 = bow_n ? bow_f1 / bow_n : 0;
      r->precision = bow_n ? bow_p / bow_n : 0;
      r->recall = bow_n ? bow_r / bow_n : 0;
    }
    if (metric == Metric::kSegments) {
      r->precision = seg_tp + seg_fp > 0 ? seg_tp / (seg_tp + seg_fp) : 0;
      r->recall = seg_tp + seg_fn > 0 ? seg_tp / (seg_tp + seg_fn) : 0;
      r->f1 = 2 * seg_tp + seg_fp + seg_fn > 0 ? 2 * seg_tp / (2 * seg_tp + seg_fp + seg_fn) : 0;
    }
    if (metric == Metric::kNone && n > 0) r->shingle_f1 = -1;
  }
};

void ScoreDate(const Page& p, const std::string& predicted, SetResult* r) {
  if (!p.has_date_gold) return;
  ++r->date_total;
  if (!predicted.empty()) ++r->date_predicted;
  if (predicted == p.gold_date) ++r->date_correct;
}

// Titles and bylines compare case-folded, with whitespace collapsed and
// the surrounding quotes, punctuation and a leading "By" removed: the gold
// was typed by people or written by another extractor, and "By Dan Goodin"
// is the same byline as "Dan Goodin".
std::string MetadataKey(std::string_view s) {
  std::string out = NormalizeSpace(std::string(s));
  for (char& c : out) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
  if (out.rfind("by ", 0) == 0) out.erase(0, 3);
  auto edge = [](char c) { return c == ' ' || c == '"' || c == '\'' || c == '.' || c == ',' || c == ':' || c == '|'; };
  while (!out.empty() && edge(out.back())) out.pop_back();
  size_t begin = 0;
  while (begin < out.size() && edge(out[begin])) ++begin;
  return out.substr(begin);
}

// Title and author accuracy over the pages whose gold names one.
void ScoreTitleAndAuthor(const Page& p, const ExtractedPage* page, SetResult* r) {
  if (!MetadataKey(p.gold_title).empty()) {
    ++r->title_total;
    if (page != nullptr && MetadataKey(page->title.value) == MetadataKey(p.gold_title)) ++r->title_correct;
  }
  if (!MetadataKey(p.gold_author).empty()) {
    ++r->author_total;
    if (page != nullptr && MetadataKey(page->author.value) == MetadataKey(p.gold_author)) ++r->author_correct;
  }
}

void PrintMetadataRows(const std::vector<SetResult>& results) {
  printf("\n%-22s %16s %16s\n", "set", "title acc (n)", "author acc (n)");
  for (const SetResult& r : results) {
    if (r.title_total == 0 && r.author_total == 0) continue;
    char title[32] = "-", author[32] = "-";
    if (r.title_total)
      snprintf(title, sizeof title, "%.3f (%zu)", double(r.title_correct) / r.title_total, r.title_total);
    if (r.author_total)
      snprintf(author, sizeof author, "%.3f (%zu)", double(r.author_correct) / r.author_total, r.author_total);
    printf("%-22s %16s %16s\n", r.name.c_str(), title, author);
  }
}

void PrintHeader(const std::string& label) {
  printf("\n%s\n", label.c_str());
  printf("%-22s %6s %7s %7s %7s %8s %14s %10s\n", "set", "pages", "F1", "P", "R", "shingleF1", "date acc (n)",
         "pages/s");
}

void PrintRow(const SetResult& r) {
  char f1[16] = "-", p[16] = "-", rc[16] = "-", sh[16] = "-", date[32] = "-", speed[16] = "-";
  if (r.f1 >= 0) {
    snprintf(f1, sizeof f1, "%.3f", r.f1);
    snprintf(p, sizeof p, "%.3f", r.precision);
    snprintf(rc, sizeof rc, "%.3f", r.recall);
  }
  if (r.shingle_f1 >= 0) snprintf(sh, sizeof sh, "%.3f", r.shingle_f1);
  if (r.date_total) snprintf(date, sizeof date, "%.3f (%zu)", double(r.date_correct) / r.date_total, r.date_total);
  if (r.seconds > 0) snprintf(speed, sizeof speed, "%.0f", r.pages / r.seconds);
  printf("%-22s %6zu %7s %7s %7s %8s %14s %10s\n", r.name.c_str(), r.pages, f1, p, rc, sh, date, speed);
}

}  // namespace

int main(int argc, char** argv) {
  std::string corpora = std::string(RAYZAN_SHARED_DIR) + "/corpora";
  bool quick = false;
  int threads = 0;
  std::vector<std::pair<std::string, std::string>> all_pages;  // (bytes, url) for --threads
  std::string only, dump, list_pages, external, external_name = "external";
  std::map<std::string, double> floors, date_floors;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
    if (a == "--corpora") corpora = next();
    else if (a == "--quick") quick = true;
    else if (a == "--set") only = next();
    else if (a == "--dump") dump = next();
    else if (a == "--list-pages") list_pages = next();
    else if (a == "--score-external") external = next();
    else if (a == "--name") external_name = next();
    else if (a == "--threads") threads = std::stoi(next());
    else if (a == "--floor" || a == "--date-floor") {
      std::string v = next();
      size_t eq = v.find('=');
      if (eq == std::string::npos) continue;
      (a == "--floor" ? floors : date_floors)[v.substr(0, eq)] = std::stod(v.substr(eq + 1));
    } else {
      fprintf(stderr, "unknown argument %s\n", a.c_str());
      return 2;
    }
  }
  fs::path root(corpora);
  std::vector<std::function<SetSpec()>> loaders = {
      [&] { return LoadScrapinghub(root / "scrapinghub-aeb-en"); },
      [&] { return LoadTrafilatura(root / "trafilatura-eval"); },
      [&] { return LoadMozilla(root / "mozilla-readability-testpages"); },
      [&] { return LoadWcxb(root / "wcxb-articles-en"); },
      [&] { return LoadHtmldate(root / "htmldate-eval", false); },
      [&] { return LoadHtmldate(root / "htmldate-eval", true); },
      [&] { return LoadVoaDari(root / "voa-dari-html"); },
      [&] { return LoadNewspaperArabic(root / "newspaper-arabic-html"); },
  };

  FILE* list = list_pages.empty() ? nullptr : fopen(list_pages.c_str(), "w");
  std::vector<SetResult> results;
  std::vector<std::string> notes;
  SetResult total{"all (extraction only)"};
  int failures = 0;
  for (auto& load : loaders) {
    SetSpec set = load();
    if (!only.empty() && set.name != only) continue;
    if (set.pages.empty()) {
      fprintf(stderr, "%s: no pages under %s\n", set.name.c_str(), corpora.c_str());
      continue;
    }
    if (quick && set.pages.size() > kQuickPages) set.pages.resize(kQuickPages);
    SetResult r{set.name};
    Scorer scorer;
    for (const Page& p : set.pages) {
      if (list) {
        fprintf(list, "%s\t%s\t%s\t%s\n", set.name.c_str(), p.id.c_str(), p.path.c_str(), p.url.c_str());
        continue;
      }
      std::string text, date;
      std::optional<ExtractedPage> extracted;
      if (!external.empty()) {
        text = ReadFile((fs::path(external) / set.name / (p.id + ".txt")).string());
      } else {
        std::string bytes = ReadFile(p.path);
        if (bytes.empty()) {
          fprintf(stderr, "%s: cannot read\n", p.path.c_str());
          continue;
        }
        if (threads > 0) all_pages.emplace_back(bytes, p.url);
        double t0 = ThreadCpuSeconds();
        rayzan::Result<ExtractedPage> page = rayzan::ExtractPageFromBytes(bytes, p.url, "");
        double sec = ThreadCpuSeconds() - t0;
        r.seconds += sec;
        r.bytes += bytes.size();
        if (page.ok()) {
          text = page.value().text;
          date = page.value().published.value;
          extracted = page.value();
        }
        if (!dump.empty()) {
          fs::create_directories((fs::path(dump) / set.name / (p.id + ".txt")).parent_path());
          std::ofstream(fs::path(dump) / set.name / (p.id + ".txt")) << text;
          if (page.ok()) {
            std::ofstream meta(fs::path(dump) / set.name / (p.id + ".meta"));
            const ExtractedPage& e = page.value();
            for (auto [k, f] : {std::pair{"title", &e.title}, {"published", &e.published}, {"modified", &e.modified},
                                {"canonical", &e.canonical_url}, {"site", &e.site_name}, {"author", &e.author},
                                {"language", &e.language}, {"section", &e.section}})
              meta << k << "\t" << f->value << "\t" << f->source << "\n";
            meta << "gold_date\t" << p.gold_date << "\n";
          }
        }
      }
      ++r.pages;
      scorer.Add(set.metric, p, text);
      if (external.empty()) {
        ScoreDate(p, date, &r);
        ScoreTitleAndAuthor(p, extracted ? &*extracted : nullptr, &r);
      }
    }
    if (list) continue;
    scorer.Finish(set.metric, &r);
    if (set.metric == Metric::kNone && scorer.n && set.name == "voa-dari")
      notes.push_back(set.name + ": no text gold; " + std::to_string(scorer.long_texts) + " of " +
                      std::to_string(scorer.n) + " pages give >= 500 bytes of main text");
    results.push_back(r);
    total.pages += r.pages;
    total.seconds += r.seconds;
    total.bytes += r.bytes;
    auto floor = floors.find(set.name);
    if (floor != floors.end() && r.f1 < floor->second) {
      fprintf(stderr, "REGRESSION %s: F1 %.3f below floor %.3f\n", set.name.c_str(), r.f1, floor->second);
      ++failures;
    }
    auto dfloor = date_floors.find(set.name);
    if (dfloor != date_floors.end() && r.date_total &&
        double(r.date_correct) / r.date_total < dfloor->second) {
      fprintf(stderr, "REGRESSION %s: date accuracy %.3f below floor %.3f\n", set.name.c_str(),
              double(r.date_correct) / r.date_total, dfloor->second);
      ++failures;
    }
  }
  if (list) {
    fclose(list);
    return 0;
  }
  PrintHeader(external.empty() ? "Rayzan html stage" : external_name);
  for (auto& r : results) PrintRow(r);
  if (external.empty() && total.seconds > 0) {
    printf("%-22s %6zu %57.0f  (%.1f MB/s, %.2f ms/page)\n", total.name.c_str(), total.pages,
           total.pages / total.seconds, total.bytes / total.seconds / 1e6, 1000 * total.seconds / total.pages);
  }
  for (const std::string& n : notes) printf("%s\n", n.c_str());
  if (external.empty()) PrintMetadataRows(results);
  if (threads > 0 && !all_pages.empty()) {
    // Throughput on N threads: pages are handed out by an atomic counter.
    std::atomic<size_t> next_page{0};
    auto t0 = std::chrono::steady_clock::now();
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t) {
      pool.emplace_back([&] {
        for (size_t i; (i = next_page++) < all_pages.size();)
          (void)rayzan::ExtractPageFromBytes(all_pages[i].first, all_pages[i].second, "");
      });
    }
    for (auto& th : pool) th.join();
    double sec = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    printf("%d thread(s): %zu pages in %.2f s = %.0f pages/s (wall clock)\n", threads, all_pages.size(), sec,
           all_pages.size() / sec);
  }
  return failures ? 1 : 0;
}
