// The rayzan command: wiring only. Every stage lives in the library; each
// sub-command is a file of its own in this folder.
#include <cstdio>
#include <cstring>
#include <string>

#include "cli/commands.h"

namespace {

struct Command {
  const char* name;
  int (*run)(int argc, char** argv);
  const char* summary;
};

// One line per sub-command.
constexpr Command kCommands[] = {
    {"code", rayzan::cli::RunCode, "code articles and print their events (JSON Lines or a table)"},
    {"extract", rayzan::cli::RunExtract, "print the main text and metadata the engine reads from web pages"},
    {"kb", rayzan::cli::RunKb, "search, show, add to or import the knowledge base (people, offices, places)"},
    {"serve", rayzan::cli::RunServe, "serve the event database: JSON API and web UI on http://127.0.0.1:8080/"},
    {"ingest", rayzan::cli::RunIngest, "code articles into the event database (merged events, duplicates, search index)"},
    {"events", rayzan::cli::RunEvents, "list, filter and export the database's events (table, CSV, JSONL, PLOVER, GDELT)"},
    {"search", rayzan::cli::RunSearch, "full-text search over the database's articles, with their events"},
    {"actors", rayzan::cli::RunActors, "who appears most and who meets whom (pairs with counts)"},
    {"stats", rayzan::cli::RunStats, "what the database holds: counts, events per month, top actors and pairs"},
};

void PrintUsage(std::FILE* out) {
  std::fputs(
      "usage: rayzan COMMAND [OPTIONS]\n"
      "\n"
      "Turns Persian and Arabic news into consultation events: who met, phoned,\n"
      "visited or negotiated with whom, where, when, and which sentences say so.\n"
      "\n"
      "commands:\n",
      out);
  for (const Command& command : kCommands) std::fprintf(out, "  %-10s %s\n", command.name, command.summary);
  std::fputs(
      "\n"
      "Every command explains itself: rayzan COMMAND --help.\n"
      "options:\n"
      "  --help       this text\n"
      "  --version    the version\n",
      out);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    PrintUsage(stderr);
    return 2;
  }
  std::string name = argv[1];
  if (name == "--help" || name == "-h" || name == "help") {
    PrintUsage(stdout);
    return 0;
  }
  if (name == "--version") {
    std::printf("rayzan %s\n", RAYZAN_VERSION);
    return 0;
  }
  for (const Command& command : kCommands) {
    if (name == command.name) return command.run(argc - 2, argv + 2);
  }
  std::fprintf(stderr, "rayzan: unknown command '%s'\n\n", name.c_str());
  PrintUsage(stderr);
  return 2;
}
