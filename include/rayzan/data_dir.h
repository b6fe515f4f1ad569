// Where the bundled data files are: $RAYZAN_DATA if set, else the data/
// folder of the source tree the binary was built from.
#pragma once

#include <string>

namespace rayzan {

std::string DataDirectory();

}  // namespace rayzan
