#include "serve/record_json.h"

#include "rayzan/kb.h"

namespace rayzan::serve_internal {

using json = nlohmann::ordered_json;

namespace {

// Null for an empty string, so clients test one thing for "unknown".
json OrNull(const std::string& value) { return value.empty() ? json(nullptr) : json(value); }

std::string PlaceName(const std::string& city, const std::string& iso2, const KnowledgeBase* knowledge_base) {
  std::string country = iso2;
  if (knowledge_base != nullptr && !iso2.empty()) {
    if (auto index = knowledge_base->FindCountry(iso2)) country = knowledge_base->country(*index).name_en;
  }
  if (city.empty()) return country;
  if (country.empty()) return city;
  return city + ", " + country;
}

std::string JoinNames(const std::vector<StoredActor>& actors, size_t from) {
  std::string out;
  for (size_t i = from; i < actors.size(); ++i) {
    if (i > from) out += i + 1 == actors.size() ? " and " : ", ";
    out += actors[i].name;
  }
  return out;
}

}  // namespace

json ActorJson(const StoredActor& actor) {
  return {{"id", actor.id},           {"kb_id", OrNull(actor.kb_id)},     {"name", actor.name},
          {"kind", actor.kind},       {"office", OrNull(actor.office)},  {"country", OrNull(actor.country)}};
}

json ActorSummaryJson(const ActorSummary& summary) {
  json out = ActorJson(summary.actor);
  out["events"] = summary.event_count;
  out["first_date"] = OrNull(summary.first_date);
  out["last_date"] = OrNull(summary.last_date);
  return out;
}

json ActorPairJson(const ActorPair& pair) {
  return {{"first", ActorJson(pair.first)},
          {"second", ActorJson(pair.second)},
          {"events", pair.event_count},
          {"first_date", OrNull(pair.first_date)},
          {"last_date", OrNull(pair.last_date)}};
}

json EventJson(const EventRecord& event, const KnowledgeBase* knowledge_base) {
  json actors = json::array();
  json participants = json::array();
  for (const StoredActor& actor : event.actors) {
    actors.push_back(ActorJson(actor));
    participants.push_back(actor.name);
  }
  json date = event.date_from.empty() ? json(nullptr) : json{{"from", event.date_from}, {"to", event.date_to}};
  json location = event.city.empty() && event.country.empty()
                      ? json(nullptr)
                      : json{{"city", OrNull(event.city)}, {"country", OrNull(event.country)}};
  return {{"id", event.id},
          {"type", event.type},
          {"mode", event.mode},
          {"status", event.status},
          {"participants", std::move(participants)},
          {"date", std::move(date)},
          {"location", std::move(location)},
          {"organization", OrNull(event.organization)},
          {"target_country", OrNull(event.target_country)},
          {"cameo", OrNull(event.cameo)},
          {"confidence", event.confidence},
          {"actors", std::move(actors)},
          {"mentions", event.mention_count},
          {"articles", event.article_count},
          {"sources", event.source_count},
          {"outlets", event.outlets},
          {"languages", event.languages},
          {"first_reported", OrNull(event.first_reported)},
          {"first_article_id", event.first_article_id},
          {"first_url", OrNull(event.first_url)},
          {"evidence", event.evidence},
          {"conflicting_dates", event.conflicting_dates},
          {"conflicting_places", event.conflicting_places},
          {"occurred_event_id", event.occurred_event_id == 0 ? json(nullptr) : json(event.occurred_event_id)},
          {"summary", EventSummary(event, knowledge_base)}};
}

json MentionJson(const MentionRecord& mention) {
  json spans = json::array();
  for (const MentionRecord::Offsets& span : mention.evidence_spans) {
    spans.push_back({{"start", span.start}, {"end", span.end}});
  }
  return {{"id", mention.id},
          {"event_id", mention.event_id},
          {"article_id", mention.article_id},
          {"doc", mention.doc},
          {"url", OrNull(mention.url)},
          {"outlet", OrNull(mention.outlet)},
          {"language", OrNull(mention.language)},
          {"published", OrNull(mention.published)},
          {"mode", mention.mode},
          {"status", mention.status},
          {"date", mention.date_from.empty() ? json(nullptr)
                                             : json{{"from", mention.date_from}, {"to", mention.date_to}}},
          {"location", mention.city.empty() && mention.country.empty()
                           ? json(nullptr)
                           : json{{"city", OrNull(mention.city)}, {"country", OrNull(mention.country)}}},
          {"evidence", mention.evidence},
          {"evidence_spans", std::move(spans)},
          {"confidence", mention.confidence},
          {"original_article_id", mention.original_article_id}};
}

json ArticleJson(const ArticleRecord& article) {
  return {{"id", article.id},
          {"doc", article.doc},
          {"url", OrNull(article.url)},
          {"outlet", OrNull(article.outlet)},
          {"title", OrNull(article.title)},
          {"published", OrNull(article.published)},
          {"language", OrNull(article.language)},
          {"duplicate_of", article.duplicate_of == 0 ? json(nullptr) : json(article.duplicate_of)},
          {"similarity", article.similarity},
          {"events", article.event_count}};
}

std::string EventSummary(const EventRecord& event, const KnowledgeBase* knowledge_base) {
  const bool planned = event.status == "planned";
  std::string first = event.actors.empty() ? std::string("Unknown participants") : event.actors[0].name;
  std::string others = JoinNames(event.actors, 1);
  std::string all = JoinNames(event.actors, 0);
  std::string line;
  if (event.mode == "visit") {
    std::string where = PlaceName("", event.target_country, knowledge_base);
    if (where.empty()) where = PlaceName(event.city, event.country, knowledge_base);
    line = all + (planned ? " is to visit " : " visited ") + (where.empty() ? "an unnamed country" : where);
  } else if (event.mode == "multilateral") {
    std::string forum = event.organization.empty() ? "a multilateral meeting" : event.organization;
    bool several = event.actors.size() > 1;
    line = (event.actors.empty() ? first : all) + (planned ? (several ? " are to attend " : " is to attend ")
                                                           : " attended ") + forum;
  } else {
    const char* verb = event.mode == "phone"     ? (planned ? " is to phone " : " spoke by phone with ")
                       : event.mode == "contact" ? (planned ? " is to contact " : " was in contact with ")
                                                 : (planned ? " is to meet " : " met ");
    line = others.empty() ? first + verb + "an unnamed counterpart" : first + verb + others;
  }
  if (event.mode != "visit") {
    std::string where = PlaceName(event.city, event.country, knowledge_base);
    if (!where.empty()) line += " in " + where;
  }
  if (event.date_from.empty()) {
    line += ", date not reported";
  } else if (event.date_from == event.date_to || event.date_to.empty()) {
    line += " on " + event.date_from;
  } else {
    line += " between " + event.date_from + " and " + event.date_to;
  }
  line += planned ? " (planned)" : " (occurred)";
  return line;
}

std::string Dump(const json& value) { return value.dump(-1, ' ', false, json::error_handler_t::replace); }

}  // namespace rayzan::serve_internal
