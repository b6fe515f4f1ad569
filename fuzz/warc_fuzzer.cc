// libFuzzer target: WarcReader on arbitrary bytes (plain or gzip archives).
// Every record must come back with a body no larger than the cap; the
// reader must end without crashing, hanging or growing without bound.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "rayzan/warc.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  rayzan::WarcReaderOptions options;
  options.max_body_bytes = 1 << 20;
  auto reader = rayzan::WarcReader::FromBuffer(
      std::string_view(reinterpret_cast<const char*>(data), size), "fuzz", [](const std::string&) {}, options);
  rayzan::WarcRecord record;
  int records = 0;
  while (reader->Next(&record) && records < 100000) {
    if (record.body.size() > options.max_body_bytes) abort();
    ++records;
  }
  return 0;
}
