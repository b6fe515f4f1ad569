#include "rayzan/data_dir.h"

#include <cstdlib>

#ifndef RAYZAN_DATA_DIR
#define RAYZAN_DATA_DIR "data"
#endif

namespace rayzan {

std::string DataDirectory() {
  if (const char* env = std::getenv("RAYZAN_DATA"); env != nullptr && *env != '\0') return env;
  return RAYZAN_DATA_DIR;
}

}  // namespace rayzan
