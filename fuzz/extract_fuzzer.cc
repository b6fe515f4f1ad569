// libFuzzer target: ExtractPageFromBytes on arbitrary bytes. The text must be
// valid UTF-8, free of text-run placeholders, and every date "YYYY-MM-DD";
// nothing may crash or hang.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "rayzan/html.h"
#include "rayzan/text.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  rayzan::Result<rayzan::ExtractedPage> r = rayzan::ExtractPageFromBytes(bytes, "https://example.com/2020/05/10/x", "");
  if (!r.ok()) return 0;
  const rayzan::ExtractedPage& p = r.value();
  if (rayzan::FindInvalidUtf8(p.text) >= 0) abort();
  // No placeholder of the markup filter's text runs may reach the output.
  for (const std::string* s : {&p.text, &p.title.value, &p.author.value}) {
    if (s->find("\xF4\x8F\xBF\xBD") != std::string::npos) abort();
  }
  for (const rayzan::PageField* f : {&p.published, &p.modified}) {
    if (!f->value.empty() && (f->value.size() != 10 || f->value[4] != '-' || f->value[7] != '-')) abort();
  }
  // ParseDate alone, on the same bytes as a dateline.
  std::string d = rayzan::ParseDate(p.text.substr(0, 200));
  if (!d.empty() && d.size() != 10) abort();
  return 0;
}
