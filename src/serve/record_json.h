// The API's JSON form of the store's records (docs/api.md lists every field).
// Objects keep their fields in the order written (ordered_json): id and type
// first reads better than alphabetical.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "rayzan/store.h"

namespace rayzan {
class KnowledgeBase;
}

namespace rayzan::serve_internal {

nlohmann::ordered_json ActorJson(const StoredActor& actor);
nlohmann::ordered_json ActorSummaryJson(const ActorSummary& summary);
nlohmann::ordered_json ActorPairJson(const ActorPair& pair);
// `knowledge_base` (may be null) names the countries in the summary line.
nlohmann::ordered_json EventJson(const EventRecord& event, const KnowledgeBase* knowledge_base);
nlohmann::ordered_json MentionJson(const MentionRecord& mention);
nlohmann::ordered_json ArticleJson(const ArticleRecord& article);

// One English line: who, what, where, when, status. "Antony Blinken met
// Sergey Lavrov in Stockholm, Sweden on 2021-12-02 (occurred)".
std::string EventSummary(const EventRecord& event, const KnowledgeBase* knowledge_base);

// A JSON text that never throws: invalid UTF-8 from the database is replaced.
std::string Dump(const nlohmann::ordered_json& value);

}  // namespace rayzan::serve_internal
