// Opening the event database for the query commands (events, actors, search,
// stats): read-only, with the knowledge base loaded only when a query names
// actors that must be resolved through it.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "rayzan/store.h"

namespace rayzan::cli {

// Prints "rayzan: <what is wrong>" and returns nullptr when the knowledge
// base or the database cannot be opened. `extra_kb_directories` come after
// the bundled knowledge base and win over it.
std::unique_ptr<EventStore> OpenStoreForQueries(const std::string& db_path, bool resolve_actors,
                                                const std::vector<std::string>& extra_kb_directories);

}  // namespace rayzan::cli
