// The sub-commands of the rayzan command. Each takes the arguments after its
// name and returns the process exit status: 0 success, 1 some input failed,
// 2 usage or data error.
#pragma once

namespace rayzan::cli {

int RunCode(int argc, char** argv);

}  // namespace rayzan::cli
