// Export formats of event lists: table, CSV, JSON Lines, PLOVER-style JSON,
// GDELT-style TSV (columns documented in docs/database.md).
#include <nlohmann/json.hpp>

#include <cstdio>

#include "rayzan/store.h"

namespace rayzan {

namespace {

using Json = nlohmann::ordered_json;

std::string DateText(const EventRecord& event) {
  if (event.date_from.empty()) return "";
  if (event.date_to.empty() || event.date_to == event.date_from) return event.date_from;
  return event.date_from + ".." + event.date_to;
}

std::string PlaceText(const EventRecord& event) {
  if (event.city.empty()) return event.country;
  return event.country.empty() ? event.city : event.city + ", " + event.country;
}

std::string Names(const EventRecord& event, const char* separator) {
  std::string names;
  for (const StoredActor& actor : event.actors) {
    if (!names.empty()) names += separator;
    names += actor.name;
  }
  return names;
}

std::string CsvField(const std::string& value) {
  if (value.find_first_of(",\"\n\r") == std::string::npos) return value;
  std::string out = "\"";
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string TsvField(std::string value) {
  for (char& c : value) {
    if (c == '\t' || c == '\n' || c == '\r') c = ' ';
  }
  return value;
}

std::string Fixed(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.2f", value);
  return buffer;
}

Json OrNull(const std::string& value) { return value.empty() ? Json(nullptr) : Json(value); }

Json ActorJson(const StoredActor& actor) {
  return Json{{"id", actor.id},         {"kb_id", OrNull(actor.kb_id)},     {"name", actor.name},
              {"kind", actor.kind},     {"office", OrNull(actor.office)},   {"country", OrNull(actor.country)}};
}

// Goldstein scale values GDELT 1.0 assigns to the CAMEO codes we emit.
const char* Goldstein(const std::string& cameo) {
  if (cameo == "036") return "4.0";
  if (cameo == "041") return "1.0";
  if (cameo == "042") return "1.9";
  if (cameo == "043") return "2.8";
  if (cameo == "044") return "2.5";
  if (cameo == "046") return "7.0";
  return "1.0";  // 040
}

std::string Compact(const std::string& iso) {
  std::string out;
  for (char c : iso) {
    if (c != '-') out += c;
  }
  return out;
}

}  // namespace

Result<EventFormat> EventFormatFromName(const std::string& name) {
  if (name == "table") return EventFormat::kTable;
  if (name == "csv") return EventFormat::kCsv;
  if (name == "jsonl" || name == "json") return EventFormat::kJsonLines;
  if (name == "plover") return EventFormat::kPlover;
  if (name == "gdelt" || name == "tsv") return EventFormat::kGdelt;
  return Status::Error("unknown format '" + name + "' (table, csv, jsonl, plover, gdelt)");
}

std::string EventHeader(EventFormat format) {
  switch (format) {
    case EventFormat::kTable: {
      char line[256];
      std::snprintf(line, sizeof line, "%-7s %-23s %-12s %-9s %-22s %4s %4s  %s", "id", "date", "mode", "status",
                    "place", "src", "art", "participants");
      return line;
    }
    case EventFormat::kCsv:
      return "id,type,mode,status,date_from,date_to,city,country,organization,target_country,participants,"
             "actor_ids,cameo,confidence,mentions,articles,sources,outlets,languages,first_reported,first_url,"
             "conflicting_dates,conflicting_places,occurred_event_id,evidence";
    case EventFormat::kGdelt:
      return "GLOBALEVENTID\tSQLDATE\tMonthYear\tYear\tActor1Code\tActor1Name\tActor1CountryCode\tActor2Code\t"
             "Actor2Name\tActor2CountryCode\tIsRootEvent\tEventCode\tEventBaseCode\tEventRootCode\tQuadClass\t"
             "GoldsteinScale\tNumMentions\tNumSources\tNumArticles\tActionGeo_FullName\tActionGeo_CountryCode\t"
             "DATEADDED\tSOURCEURL";
    case EventFormat::kJsonLines:
    case EventFormat::kPlover:
      return "";
  }
  return "";
}

std::string FormatEvent(const EventRecord& event, EventFormat format) {
  switch (format) {
    case EventFormat::kTable: {
      std::string date = DateText(event);
      if (date.empty()) date = event.first_reported.empty() ? "-" : "(" + event.first_reported + ")";
      std::string place = PlaceText(event);
      if (place.empty()) place = "-";
      std::string flags = event.conflicting_dates || event.conflicting_places ? " [conflicting reports]" : "";
      char line[1024];
      std::snprintf(line, sizeof line, "%-7lld %-23s %-12s %-9s %-22s %4d %4d  %s%s",
                    static_cast<long long>(event.id), date.c_str(), event.mode.c_str(), event.status.c_str(),
                    place.c_str(), event.source_count, event.article_count, Names(event, " + ").c_str(),
                    flags.c_str());
      return line;
    }
    case EventFormat::kCsv: {
      std::string ids;
      for (const StoredActor& actor : event.actors) {
        if (!ids.empty()) ids += ';';
        ids += actor.kb_id.empty() ? "#" + std::to_string(actor.id) : actor.kb_id;
      }
      std::string outlets, languages;
      for (const std::string& outlet : event.outlets) outlets += (outlets.empty() ? "" : ";") + outlet;
      for (const std::string& language : event.languages) languages += (languages.empty() ? "" : ";") + language;
      std::vector<std::string> fields = {std::to_string(event.id), event.type, event.mode, event.status,
                                         event.date_from, event.date_to, event.city, event.country,
                                         event.organization, event.target_country, Names(event, ";"), ids,
                                         event.cameo, Fixed(event.confidence), std::to_string(event.mention_count),
                                         std::to_string(event.article_count), std::to_string(event.source_count),
                                         outlets, languages, event.first_reported, event.first_url,
                                         event.conflicting_dates ? "1" : "0", event.conflicting_places ? "1" : "0",
                                         event.occurred_event_id ? std::to_string(event.occurred_event_id) : "",
                                         event.evidence};
      std::string line;
      for (size_t i = 0; i < fields.size(); ++i) line += (i ? "," : "") + CsvField(fields[i]);
      return line;
    }
    case EventFormat::kJsonLines: {
      Json out;
      out["id"] = event.id;
      out["type"] = event.type;
      out["mode"] = event.mode;
      out["status"] = event.status;
      out["date"] = event.date_from.empty() ? Json(nullptr)
                                            : Json{{"from", event.date_from}, {"to", event.date_to}};
      out["location"] = event.city.empty() && event.country.empty()
                            ? Json(nullptr)
                            : Json{{"city", OrNull(event.city)}, {"country", OrNull(event.country)}};
      out["organization"] = OrNull(event.organization);
      out["target_country"] = OrNull(event.target_country);
      Json actors = Json::array();
      for (const StoredActor& actor : event.actors) actors.push_back(ActorJson(actor));
      out["actors"] = actors;
      out["cameo"] = event.cameo;
      out["confidence"] = std::stod(Fixed(event.confidence));
      out["mentions"] = event.mention_count;
      out["articles"] = event.article_count;
      out["sources"] = event.source_count;
      out["outlets"] = event.outlets;
      out["languages"] = event.languages;
      out["first_reported"] = OrNull(event.first_reported);
      out["first_article_id"] = event.first_article_id;
      out["first_url"] = OrNull(event.first_url);
      out["conflicting_dates"] = event.conflicting_dates;
      out["conflicting_places"] = event.conflicting_places;
      out["occurred_event_id"] = event.occurred_event_id ? Json(event.occurred_event_id) : Json(nullptr);
      out["evidence"] = event.evidence;
      return out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    }
    case EventFormat::kPlover: {
      // PLOVER's event record: event_type/mode/context plus actor and
      // recipient with their countries; extra participants in "others".
      Json out;
      out["event_id"] = "rayzan-" + std::to_string(event.id);
      out["event_date"] = OrNull(event.date_from.empty() ? event.first_reported : event.date_from);
      out["event_type"] = event.type;
      out["mode"] = event.mode;
      out["context"] = Json::array({event.status == "planned" ? "planned" : "occurred"});
      auto actor_at = [&](size_t i, const char* name, const char* country) {
        if (i < event.actors.size()) {
          out[name] = event.actors[i].name;
          out[country] = OrNull(event.actors[i].country);
        } else {
          out[name] = nullptr;
          out[country] = i == 1 && !event.target_country.empty() ? Json(event.target_country) : Json(nullptr);
        }
      };
      actor_at(0, "actor", "actor_country");
      actor_at(1, "recipient", "recipient_country");
      Json others = Json::array();
      for (size_t i = 2; i < event.actors.size(); ++i) others.push_back(event.actors[i].name);
      out["others"] = others;
      out["location"] = {{"city", OrNull(event.city)}, {"country", OrNull(event.country)}};
      out["cameo"] = event.cameo;
      out["num_sources"] = event.source_count;
      out["num_articles"] = event.article_count;
      out["source_url"] = OrNull(event.first_url);
      out["text"] = event.evidence;
      return out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    }
    case EventFormat::kGdelt: {
      std::string day = event.date_from.empty() ? event.first_reported : event.date_from;
      std::string sqldate = Compact(day);
      std::string month = sqldate.size() >= 6 ? sqldate.substr(0, 6) : "";
      std::string year = sqldate.size() >= 4 ? sqldate.substr(0, 4) : "";
      auto actor_field = [&](size_t i, int what) -> std::string {
        if (i >= event.actors.size()) return "";
        const StoredActor& actor = event.actors[i];
        if (what == 0) return actor.kb_id;
        if (what == 1) return actor.name;
        return actor.country;
      };
      std::string root = event.cameo.size() >= 2 ? event.cameo.substr(0, 2) : "04";
      std::vector<std::string> fields = {std::to_string(event.id), sqldate, month, year,
                                         actor_field(0, 0), actor_field(0, 1), actor_field(0, 2),
                                         actor_field(1, 0), actor_field(1, 1),
                                         event.actors.size() > 1 ? actor_field(1, 2) : event.target_country,
                                         "1", event.cameo, event.cameo.substr(0, 3), root, "1",
                                         Goldstein(event.cameo), std::to_string(event.mention_count),
                                         std::to_string(event.source_count), std::to_string(event.article_count),
                                         PlaceText(event), event.country, Compact(event.first_reported),
                                         event.first_url};
      std::string line;
      for (size_t i = 0; i < fields.size(); ++i) line += (i ? "\t" : "") + TsvField(fields[i]);
      return line;
    }
  }
  return "";
}

}  // namespace rayzan
