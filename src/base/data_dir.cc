#include "rayzan/data_dir.h"

#include <cstdlib>
#include <utility>

#ifndef RAYZAN_DATA_DIR
#define RAYZAN_DATA_DIR "data"
#endif

namespace rayzan {
namespace {

std::string& Override() {
  static std::string directory;
  return directory;
}

}  // namespace

std::string DataDirectory() {
  if (!Override().empty()) return Override();
  if (const char* env = std::getenv("RAYZAN_DATA"); env != nullptr && *env != '\0') return env;
  return RAYZAN_DATA_DIR;
}

void SetDataDirectory(std::string directory) { Override() = std::move(directory); }

}  // namespace rayzan
