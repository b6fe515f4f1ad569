// libFuzzer target: DecodeToUtf8 must always return valid UTF-8, whatever the
// bytes and whatever charset is declared for them.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "rayzan/charset.h"
#include "rayzan/text.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const char* kDeclared[] = {"", "utf-8", "windows-1256", "iso-8859-6", "iso-8859-1", "utf-16le",
                                    "gbk", "no-such-charset"};
  if (size == 0) return 0;
  std::string_view declared = kDeclared[data[0] % (sizeof kDeclared / sizeof kDeclared[0])];
  std::string_view bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
  rayzan::Result<rayzan::DecodedText> r = rayzan::DecodeToUtf8(bytes, declared);
  if (r.ok() && rayzan::FindInvalidUtf8(r.value().utf8) >= 0) abort();
  return 0;
}
