// `rayzan extract PAGE...`: what the engine reads of a web page — its main
// text and metadata, each field with where it came from.
#include <cstdio>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "cli/commands.h"
#include "rayzan/html.h"
#include "rayzan/warc.h"

namespace rayzan::cli {

namespace {

constexpr char kExtractUsage[] =
    "usage: rayzan extract [--format json|text] PAGE|ARCHIVE...\n"
    "\n"
    "Prints the main text and metadata (title, published and modified date,\n"
    "canonical URL, site name, author, language, section) that rayzan code\n"
    "reads from each HTML page, so you can check what the engine saw. Every\n"
    "field says where it came from (a meta tag, JSON-LD, <time>, the text, the\n"
    "URL). Pages may use any charset; a wrong declaration is detected.\n"
    "A web archive (.warc, .warc.gz) gives one result per HTML response or\n"
    "resource record, named by the archive and the record's offset.\n"
    "\n"
    "options:\n"
    "  --format json   one JSON object per page (default)\n"
    "  --format text   metadata lines, a blank line, then the text\n"
    "  --url URL       the page's address (used for dates in the path, site name)\n";

nlohmann::ordered_json FieldJson(const PageField& field) {
  if (field.empty()) return nullptr;
  return {{"value", field.value}, {"source", field.source}};
}

// Prints one extracted page, named `label` (a file, or "archive: offset N").
void PrintPage(const std::string& label, const ExtractedPage& p, const std::string& format) {
  for (const std::string& warning : p.warnings) std::fprintf(stderr, "rayzan: %s: %s\n", label.c_str(), warning.c_str());
  if (format == "json") {
    nlohmann::ordered_json out{{"page", label},
                               {"title", FieldJson(p.title)},
                               {"published", FieldJson(p.published)},
                               {"modified", FieldJson(p.modified)},
                               {"canonical_url", FieldJson(p.canonical_url)},
                               {"site_name", FieldJson(p.site_name)},
                               {"author", FieldJson(p.author)},
                               {"language", FieldJson(p.language)},
                               {"section", FieldJson(p.section)},
                               {"text", p.text}};
    std::printf("%s\n", out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
    return;
  }
  auto line = [](const char* name, const PageField& field) {
    if (!field.empty()) std::printf("%-10s %s  [%s]\n", name, field.value.c_str(), field.source.c_str());
  };
  std::printf("page       %s\n", label.c_str());
  line("title", p.title);
  line("published", p.published);
  line("modified", p.modified);
  line("url", p.canonical_url);
  line("site", p.site_name);
  line("author", p.author);
  line("language", p.language);
  line("section", p.section);
  std::printf("\n%s\n\n", p.text.c_str());
}

// Extracts one page and prints it, or reports why it cannot; false then.
bool ExtractAndPrint(const std::string& label, std::string_view bytes, std::string_view url,
                     std::string_view charset, const std::string& format) {
  auto page = ExtractPageFromBytes(bytes, url, charset);
  if (!page.ok()) {
    std::fprintf(stderr, "rayzan: %s: %s\n", label.c_str(), page.status().message().c_str());
    return false;
  }
  PrintPage(label, page.value(), format);
  return true;
}

bool IsArchive(const std::string& path) {
  return path.ends_with(".warc") || path.ends_with(".warc.gz") || path.ends_with(".arc.gz");
}

// Every HTML response or resource record of the archive; damaged records
// are reported and the rest is read. Returns 1 when anything failed.
int ExtractArchive(const std::string& path, const std::string& format) {
  int status = 0;
  auto reader = WarcReader::Open(path, [&](const std::string& warning) {
    std::fprintf(stderr, "rayzan: %s\n", warning.c_str());
    status = 1;
  });
  if (!reader.ok()) {
    std::fprintf(stderr, "rayzan: %s\n", reader.status().message().c_str());
    return 1;
  }
  WarcRecord record;
  while (reader.value()->Next(&record)) {
    if (record.type != "response" && record.type != "resource") continue;
    if (!record.IsHtml() || (record.http_status != 0 && record.http_status != 200)) continue;
    std::string label = path + ": offset " + std::to_string(record.offset);
    if (!ExtractAndPrint(label, record.body, record.target_uri, record.charset, format)) status = 1;
  }
  return status;
}

}  // namespace

int RunExtract(int argc, char** argv) {
  std::string format = "json";
  std::string url;
  std::vector<std::string> pages;
  for (int i = 0; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      std::fputs(kExtractUsage, stdout);
      return 0;
    } else if ((arg == "--format" || arg == "--url") && i + 1 < argc) {
      (arg == "--format" ? format : url) = argv[++i];
    } else if (arg.size() > 1 && arg[0] == '-') {
      std::fprintf(stderr, "rayzan extract: unknown option '%s' (see rayzan extract --help)\n", arg.c_str());
      return 2;
    } else {
      pages.push_back(arg);
    }
  }
  if (pages.empty() || (format != "json" && format != "text")) {
    std::fputs(kExtractUsage, stderr);
    return 2;
  }
  int status = 0;
  for (const std::string& path : pages) {
    if (IsArchive(path)) {
      status |= ExtractArchive(path, format);
      continue;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      std::fprintf(stderr, "rayzan: %s: cannot open\n", path.c_str());
      status = 1;
      continue;
    }
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (!ExtractAndPrint(path, bytes, url, "", format)) status = 1;
  }
  return status;
}

}  // namespace rayzan::cli
