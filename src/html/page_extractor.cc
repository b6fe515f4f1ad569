#include <gumbo.h>

#include <algorithm>
#include <cstring>
#include <cstdlib>
#include <vector>

#include "html/html_lexicon.h"
#include "html/main_text.h"
#include "html/markup_filter.h"
#include "html/metadata.h"
#include "rayzan/charset.h"
#include "rayzan/html.h"
#include "rayzan/text.h"

namespace rayzan {
namespace {

// Gumbo allocates every node, attribute and string buffer separately and
// frees them one by one in a recursive walk. A per-thread arena makes both
// nearly free: allocation is a pointer bump, nothing is freed during the
// parse, and the whole tree goes at once when the page is done (no
// gumbo_destroy_output, so no deep recursion on pathological trees either).
class Arena {
 public:
  static void* Allocate(void* self, size_t size) { return static_cast<Arena*>(self)->Take(size); }
  static void Deallocate(void*, void*) {}

  // Forgets everything allocated; keeps up to kKeepBytes of blocks for the next page.
  void Reset() {
    size_t kept = 0;
    size_t i = 0;
    for (; i < blocks_.size() && kept + blocks_[i].size <= kKeepBytes; ++i) kept += blocks_[i].size;
    for (size_t k = i; k < blocks_.size(); ++k) free(blocks_[k].data);
    blocks_.resize(i);
    current_ = 0;
    used_ = 0;
  }
  ~Arena() {
    for (Block& b : blocks_) free(b.data);
  }

 private:
  static constexpr size_t kBlockBytes = 1u << 20;
  static constexpr size_t kKeepBytes = 16u << 20;
  struct Block {
    char* data;
    size_t size;
  };

  void* Take(size_t size) {
    size = (size + 15) & ~size_t{15};
    while (current_ < blocks_.size()) {
      if (used_ + size <= blocks_[current_].size) {
        void* p = blocks_[current_].data + used_;
        used_ += size;
        return p;
      }
      ++current_;
      used_ = 0;
    }
    size_t block = std::max(kBlockBytes, size);
    char* data = static_cast<char*>(malloc(block));
    if (data == nullptr) abort();  // as Gumbo's own allocator would fail
    blocks_.push_back({data, block});
    current_ = blocks_.size() - 1;
    used_ = size;
    return data;
  }

  std::vector<Block> blocks_;
  size_t current_ = 0;
  size_t used_ = 0;
};

void Extract(const internal::FilteredMarkup& markup, std::string_view url, const ExtractOptions& options,
             ExtractedPage* page) {
  std::string_view html = markup.html;
  thread_local Arena arena;
  GumboOptions gumbo_options = kGumboDefaultOptions;
  gumbo_options.max_errors = 0;  // we never read parse errors; do not collect them
  gumbo_options.allocator = Arena::Allocate;
  gumbo_options.deallocator = Arena::Deallocate;
  gumbo_options.userdata = &arena;
  GumboOutput* output = gumbo_parse_with_options(&gumbo_options, html.data(), html.size());
  if (output == nullptr) {
    page->warnings.push_back("HTML parser failed");
    arena.Reset();
    return;
  }
  internal::RestoreTextRuns(output->document, markup.text_runs, Arena::Allocate, &arena);
  internal::MainText main = internal::ExtractMainText(output->document, &page->warnings);
  page->text = std::move(main.text);
  if (options.metadata) internal::ExtractMetadata(output->document, url, page->text, main.dateline_candidates, page);
  arena.Reset();
}

Result<ExtractedPage> ExtractImpl(std::string_view html, std::string_view url, const ExtractOptions& options,
                                  bool known_valid_utf8) {
  // The word lists of data/html/, read on the first call; without them the
  // result would silently differ, so extraction fails with the loader's error.
  if (const Result<internal::HtmlLexicon>& words = internal::LoadedHtmlLexicon(); !words.ok()) return words.status();
  if (html.empty()) return Status::Error(std::string(url.empty() ? "page" : url) + ": empty HTML");
  ExtractedPage page;
  if (html.size() > options.max_html_bytes) {
    page.warnings.push_back("page of " + std::to_string(html.size()) + " bytes cut to " +
                            std::to_string(options.max_html_bytes));
    size_t cut = options.max_html_bytes;
    while (cut > 0 && (static_cast<unsigned char>(html[cut]) & 0xC0) == 0x80) --cut;  // keep whole characters
    html = html.substr(0, cut);
  }
  // Gumbo asserts on invalid UTF-8 in debug builds and mangles it otherwise;
  // callers should decode first, but a stray bad byte must not stop us.
  std::string repaired;
  if (!known_valid_utf8 && FindInvalidUtf8(html) >= 0) {
    Result<DecodedText> decoded = DecodeToUtf8(html, "utf-8");
    if (decoded.ok()) {
      repaired = std::move(decoded.value().utf8);
      html = repaired;
      page.warnings.push_back("invalid UTF-8 replaced before parsing");
    }
  }
  constexpr int kMaxNesting = 2000;
  internal::FilteredMarkup stripped = internal::FilterMarkup(html, kMaxNesting);
  if (stripped.cut_at != std::string_view::npos) {
    page.warnings.push_back("nesting deeper than " + std::to_string(kMaxNesting) + " levels: page cut at byte " +
                            std::to_string(stripped.cut_at));
  }
  Extract(stripped, url, options, &page);
  return page;
}

// Images, PDFs and archives served where a page was expected: NUL bytes or
// many control characters in the first 4 KB (UTF-16 pages have a BOM and
// are let through).
bool LooksBinary(std::string_view bytes) {
  if (bytes.size() >= 2 && ((bytes[0] == '\xFF' && bytes[1] == '\xFE') || (bytes[0] == '\xFE' && bytes[1] == '\xFF')))
    return false;
  std::string_view head = bytes.substr(0, 4096);
  size_t control = 0;
  for (unsigned char c : head) {
    if (c == 0) return true;
    if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f') ++control;
  }
  return control * 20 > head.size();
}

}  // namespace

Result<ExtractedPage> ExtractPage(std::string_view html, std::string_view url, const ExtractOptions& options) {
  return ExtractImpl(html, url, options, false);
}

Result<ExtractedPage> ExtractPageFromBytes(std::string_view bytes, std::string_view url,
                                           std::string_view declared_charset, const ExtractOptions& options) {
  if (LooksBinary(bytes))
    return Status::Error(std::string(url.empty() ? "page" : url) + ": binary content, not HTML");
  Result<DecodedText> decoded = DecodeToUtf8(bytes, declared_charset);
  if (!decoded.ok()) return Status::Error(std::string(url) + ": " + decoded.status().message());
  // DecodeToUtf8 guarantees valid UTF-8, so the parser's input check is skipped.
  Result<ExtractedPage> page = ExtractImpl(decoded.value().utf8, url, options, true);
  if (page.ok() && !decoded.value().note.empty()) page.value().warnings.push_back(decoded.value().note);
  return page;
}

}  // namespace rayzan
