// Where the bundled data files are: the directory SetDataDirectory gave,
// else $RAYZAN_DATA if set, else the data/ folder of the source tree the
// binary was built from.
#pragma once

#include <string>

namespace rayzan {

std::string DataDirectory();

// Makes DataDirectory() return directory for the rest of the process (the
// CLI's --data option). Call at start-up, before any stage reads its data
// and before threads start: stages that load once (the html word lists)
// keep what they loaded first.
void SetDataDirectory(std::string directory);

}  // namespace rayzan
