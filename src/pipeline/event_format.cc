// Output formats of coded events: JSON Lines and a readable table.
#include <nlohmann/json.hpp>

#include <cstdio>

#include "rayzan/pipeline.h"

namespace rayzan {

namespace {

using Json = nlohmann::ordered_json;

std::string OriginalSlice(const CodedArticle& article, Span normalized) {
  Span source = article.normalized.ToSource(normalized);
  return std::string(Slice(article.article.text, source));
}

Json DateJson(const std::optional<DateInterval>& date) {
  if (!date) return nullptr;
  return Json{{"from", date->from.ToIso()}, {"to", date->to.ToIso()}};
}

}  // namespace

std::string EventToJson(const CodedArticle& article, const Event& event) {
  Json out;
  out["doc"] = article.article.doc;
  out["type"] = "CONSULT";
  out["mode"] = EventModeName(event.mode);
  out["status"] = EventStatusName(event.status);
  Json participants = Json::array();
  for (const Actor& actor : event.actors) participants.push_back(actor.name);
  out["participants"] = participants;
  out["date"] = DateJson(event.date);
  if (event.city.empty() && event.country.empty()) {
    out["location"] = nullptr;
  } else {
    out["location"] = {{"city", event.city.empty() ? Json(nullptr) : Json(event.city)},
                       {"country", event.country.empty() ? Json(nullptr) : Json(event.country)}};
  }
  if (event.mode == EventMode::kVisit && !event.actors.empty()) {
    out["source"] = event.actors.front().name;
    out["target_country"] = event.target_country;
  }
  if (!event.organization.empty()) out["organization"] = event.organization;
  out["evidence"] = event.evidence.empty() ? std::string() : OriginalSlice(article, event.evidence.front());
  Json actors = Json::array();
  for (const Actor& actor : event.actors) {
    Json entry{{"name", actor.name}, {"kind", ActorKindName(actor.kind)}};
    entry["id"] = actor.id.empty() ? Json(nullptr) : Json(actor.id);
    entry["role"] = actor.office.empty() ? Json(nullptr) : Json(actor.office);
    entry["country"] = actor.jurisdiction.empty() ? Json(nullptr) : Json(actor.jurisdiction);
    entry["in_kb"] = actor.in_knowledge_base;
    actors.push_back(entry);
  }
  out["actors"] = actors;
  out["language"] = LanguageCode(article.language);
  out["published"] = article.published ? Json(article.published->ToIso()) : Json(nullptr);
  Json spans = Json::array();
  for (const Span& span : event.evidence) {
    Span source = article.normalized.ToSource(span);
    spans.push_back({{"start", CodePointOffset(article.article.text, source.begin)},
                     {"end", CodePointOffset(article.article.text, source.end)}});
  }
  out["evidence_spans"] = spans;
  out["cameo"] = event.cameo;
  char confidence[16];
  std::snprintf(confidence, sizeof confidence, "%.2f", event.confidence);
  out["confidence"] = std::stod(confidence);
  return out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string EventTableHeader() {
  char line[256];
  std::snprintf(line, sizeof line, "%-24s %-12s %-9s %-23s %-24s %s", "doc", "mode", "status", "date", "place",
                "participants");
  return line;
}

std::string EventToTableRow(const CodedArticle& article, const Event& event) {
  std::string date = "-";
  if (event.date) {
    date = event.date->from.ToIso();
    if (event.date->to != event.date->from) date += ".." + event.date->to.ToIso().substr(5);
  }
  std::string place = event.city.empty() ? (event.country.empty() ? "-" : event.country)
                                         : event.city + ", " + event.country;
  std::string names;
  for (const Actor& actor : event.actors) {
    if (!names.empty()) names += " + ";
    names += actor.name;
  }
  std::string doc = article.article.doc.size() > 24 ? article.article.doc.substr(0, 23) + "~" : article.article.doc;
  char line[512];
  std::snprintf(line, sizeof line, "%-24s %-12s %-9s %-23s %-24s %s", doc.c_str(),
                std::string(EventModeName(event.mode)).c_str(), std::string(EventStatusName(event.status)).c_str(),
                date.c_str(), place.c_str(), names.c_str());
  return line;
}

}  // namespace rayzan
