// The sub-commands of the rayzan command. Each takes the arguments after its
// name and returns the process exit status: 0 success, 1 some input failed,
// 2 usage or data error.
#pragma once

namespace rayzan::cli {

int RunCode(int argc, char** argv);
int RunExtract(int argc, char** argv);
int RunKb(int argc, char** argv);
int RunServe(int argc, char** argv);
int RunIngest(int argc, char** argv);
int RunEvents(int argc, char** argv);
int RunSearch(int argc, char** argv);
int RunActors(int argc, char** argv);
int RunStats(int argc, char** argv);

}  // namespace rayzan::cli
