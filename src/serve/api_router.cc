// The API: /api/v1/... to EventStore queries, answered as JSON.
//
// Every handler first checks its parameters (unknown names, formats, limits)
// and answers 400 naming the first bad one, so the store only ever sees
// well-formed queries whose cost the limits bound.
#include <algorithm>
#include <cctype>
#include <charconv>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <variant>

#include "rayzan/kb.h"
#include "rayzan/serve.h"
#include "rayzan/store.h"
#include "serve/query_string.h"
#include "serve/record_json.h"
#include "serve/response_cache.h"

namespace rayzan {

using json = nlohmann::ordered_json;
using serve_internal::Dump;
using serve_internal::QueryParameters;

struct ApiRouter::Impl {
  const EventStore& store;
  std::shared_ptr<const KnowledgeBase> knowledge_base;
  ApiLimits limits;
  std::unordered_map<std::string, uint32_t> person_by_kb_id;
  std::unique_ptr<serve_internal::ResponseCache> cache;  // null when off

  HttpResponse Route(std::string_view path, const QueryParameters& parameters) const;
};

namespace {

constexpr std::string_view kPrefix = "/api/v1";

HttpResponse JsonResponse(int status, const json& body) {
  HttpResponse response;
  response.status = status;
  response.body = Dump(body);
  response.headers.emplace_back("Cache-Control", "no-store");
  return response;
}

HttpResponse Error(int status, const std::string& message) {
  return JsonResponse(status, {{"error", {{"status", status}, {"message", message}}}});
}

// A handler's failure: the status code and the message for the client.
struct Failure {
  int status;
  std::string message;
};

template <typename T>
using Outcome = std::variant<T, Failure>;

Failure BadParameter(std::string message) { return Failure{400, std::move(message)}; }

// The store reports a missing row as "no event 12" and a malformed search
// expression as such; both are the client's doing. Anything else is the
// database failing: 500.
Failure StoreFailure(const Status& status, int client_error = 0) {
  const std::string& message = status.message();
  if (message.find("no event ") != std::string::npos || message.find("no actor ") != std::string::npos ||
      message.find("no article ") != std::string::npos) {
    return Failure{404, message};
  }
  if (client_error != 0) return Failure{client_error, message};
  return Failure{500, "database error: " + message};
}

// ---------------------------------------------------------------------------
// Parameter parsing.

std::optional<int64_t> ParseInteger(std::string_view text) {
  int64_t value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

// An integer parameter within [low, high]; `fallback` when absent.
Outcome<int64_t> IntegerParameter(const QueryParameters& parameters, std::string_view name, int64_t fallback,
                                  int64_t low, int64_t high) {
  auto text = parameters.One(name);
  if (!text.ok()) return BadParameter(text.status().message());
  if (text.value().empty()) {
    if (parameters.Has(name)) return BadParameter("parameter '" + std::string(name) + "' is empty");
    return fallback;
  }
  auto value = ParseInteger(text.value());
  if (!value || *value < low || *value > high) {
    return BadParameter("parameter '" + std::string(name) + "' must be an integer from " + std::to_string(low) +
                        " to " + std::to_string(high) + ", not '" + text.value() + "'");
  }
  return *value;
}

Outcome<std::string> StringParameter(const QueryParameters& parameters, std::string_view name,
                                     size_t max_bytes = 200) {
  auto text = parameters.One(name);
  if (!text.ok()) return BadParameter(text.status().message());
  if (text.value().size() > max_bytes) {
    return BadParameter("parameter '" + std::string(name) + "' is longer than " + std::to_string(max_bytes) +
                        " bytes");
  }
  return text.value();
}

Outcome<bool> BoolParameter(const QueryParameters& parameters, std::string_view name) {
  auto text = StringParameter(parameters, name);
  if (auto* failure = std::get_if<Failure>(&text)) return *failure;
  const std::string& value = std::get<std::string>(text);
  if (value.empty() && !parameters.Has(name)) return false;
  if (value == "1" || value == "true" || value == "yes" || value.empty()) return true;
  if (value == "0" || value == "false" || value == "no") return false;
  return BadParameter("parameter '" + std::string(name) + "' must be true or false, not '" + value + "'");
}

bool IsLeapYear(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

// "2021-12-02", "2021-12" or "2021" as the first (or, with `end`, the last)
// day it covers; nullopt when malformed or not a calendar date.
std::optional<std::string> ParseDate(std::string_view text, bool end) {
  auto digits = [&](size_t from, size_t count) -> std::optional<int> {
    if (from + count > text.size()) return std::nullopt;
    int value = 0;
    for (size_t i = from; i < from + count; ++i) {
      if (text[i] < '0' || text[i] > '9') return std::nullopt;
      value = value * 10 + (text[i] - '0');
    }
    return value;
  };
  if (text.size() != 4 && text.size() != 7 && text.size() != 10) return std::nullopt;
  auto year = digits(0, 4);
  if (!year || *year < 1) return std::nullopt;
  int month = end ? 12 : 1;
  if (text.size() >= 7) {
    auto parsed = digits(5, 2);
    if (text[4] != '-' || !parsed || *parsed < 1 || *parsed > 12) return std::nullopt;
    month = *parsed;
  }
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  int last_day = kDays[month - 1] + (month == 2 && IsLeapYear(*year) ? 1 : 0);
  int day = end ? last_day : 1;
  if (text.size() == 10) {
    auto parsed = digits(8, 2);
    if (text[7] != '-' || !parsed || *parsed < 1 || *parsed > last_day) return std::nullopt;
    day = *parsed;
  }
  char out[32];  // the year has four digits (checked above); room for what the compiler cannot see
  std::snprintf(out, sizeof out, "%04d-%02d-%02d", *year, month, day);
  return std::string(out);
}

Outcome<std::string> DateParameter(const QueryParameters& parameters, std::string_view name, bool end) {
  auto text = StringParameter(parameters, name, 10);
  if (std::holds_alternative<Failure>(text)) {
    return BadParameter("parameter '" + std::string(name) + "' must be a date YYYY-MM-DD, YYYY-MM or YYYY");
  }
  const std::string& value = std::get<std::string>(text);
  if (value.empty()) return value;
  auto date = ParseDate(value, end);
  if (!date) {
    return BadParameter("parameter '" + std::string(name) + "' must be a date YYYY-MM-DD, YYYY-MM or YYYY, not '" +
                        value + "'");
  }
  return *date;
}

// Checks every value of a comma-separated list against `allowed`.
Outcome<std::vector<std::string>> ChoiceList(const QueryParameters& parameters, std::string_view name,
                                             const std::vector<std::string_view>& allowed) {
  std::vector<std::string> values = parameters.All(name, /*split_commas=*/true);
  for (const std::string& value : values) {
    if (std::find(allowed.begin(), allowed.end(), value) == allowed.end()) {
      std::string choices;
      for (std::string_view choice : allowed) choices += (choices.empty() ? "" : ", ") + std::string(choice);
      return BadParameter("parameter '" + std::string(name) + "' must be one of " + choices + ", not '" + value +
                          "'");
    }
  }
  return values;
}

Outcome<std::string> ChoiceParameter(const QueryParameters& parameters, std::string_view name,
                                     const std::vector<std::string_view>& allowed) {
  auto text = StringParameter(parameters, name);
  if (auto* failure = std::get_if<Failure>(&text)) return *failure;
  const std::string& value = std::get<std::string>(text);
  if (value.empty()) {
    if (parameters.Has(name)) return BadParameter("parameter '" + std::string(name) + "' is empty");
    return value;
  }
  auto list = ChoiceList(parameters, name, allowed);
  if (auto* failure = std::get_if<Failure>(&list)) return *failure;
  return value;
}

Outcome<std::monostate> RejectUnknown(const QueryParameters& parameters, const std::vector<std::string_view>& known) {
  if (auto unknown = parameters.FirstUnknown(known)) {
    std::string names;
    for (std::string_view name : known) names += (names.empty() ? "" : ", ") + std::string(name);
    return BadParameter("unknown parameter '" + *unknown + "'; this endpoint takes " + names);
  }
  return std::monostate();
}

// page and per_page as offset and limit, within the row limit.
struct PageRequest {
  int64_t page = 1;
  int64_t per_page = 50;
  int64_t offset() const { return (page - 1) * per_page; }
};

Outcome<PageRequest> PageParameters(const QueryParameters& parameters, const ApiLimits& limits) {
  PageRequest request;
  auto per_page = IntegerParameter(parameters, "per_page", limits.default_page_size, 1, limits.max_page_size);
  if (auto* failure = std::get_if<Failure>(&per_page)) return *failure;
  request.per_page = std::get<int64_t>(per_page);
  int64_t max_page = std::max<int64_t>(1, limits.max_row / request.per_page);
  auto page = IntegerParameter(parameters, "page", 1, 1, max_page);
  if (auto* failure = std::get_if<Failure>(&page)) {
    failure->message += " (at most " + std::to_string(limits.max_row) + " rows can be paged through: narrow the filter)";
    return *failure;
  }
  request.page = std::get<int64_t>(page);
  return request;
}

// A page beyond the last one is an error rather than an empty list, so a
// client that pages by hand learns that it went too far.
std::optional<Failure> PageOutOfRange(const PageRequest& request, int64_t total) {
  if (request.page == 1 || request.offset() < total) return std::nullopt;
  int64_t pages = (total + request.per_page - 1) / request.per_page;
  return BadParameter("page " + std::to_string(request.page) + " is out of range: " + std::to_string(total) +
                      " results make " + std::to_string(pages) + " page" + (pages == 1 ? "" : "s") + " of " +
                      std::to_string(request.per_page));
}

// For lists without a total: a later page that came back empty.
std::optional<Failure> EmptyPageOutOfRange(const PageRequest& request, size_t rows) {
  if (request.page == 1 || rows > 0) return std::nullopt;
  return BadParameter("page " + std::to_string(request.page) + " is out of range: there are no results past row " +
                      std::to_string(request.offset()));
}

json PageJson(const PageRequest& request) { return {{"page", request.page}, {"per_page", request.per_page}}; }

Outcome<int64_t> IdSegment(std::string_view segment, std::string_view what) {
  auto id = ParseInteger(segment);
  if (!id || *id < 1) {
    return BadParameter(std::string(what) + " id must be a positive integer, not '" + std::string(segment) + "'");
  }
  return *id;
}

// ---------------------------------------------------------------------------
// Event filters: shared by /events, /events/export and /network.

// The names of `rayzan events`' options.
const std::vector<std::string_view> kFilterParameters = {"actor", "pair",     "country", "from",        "to",  "mode",
                                                         "status", "type",    "language", "source",     "min_sources",
                                                         "sort"};
const std::vector<std::string_view> kModes = {"meet", "phone", "contact", "visit", "multilateral"};
const std::vector<std::string_view> kStatuses = {"occurred", "planned"};
const std::vector<std::string_view> kLanguages = {"fa", "ar", "en", "other", "und"};
const std::vector<std::string_view> kSorts = {"date", "-date", "sources", "reported"};

std::vector<std::string_view> With(std::vector<std::string_view> names, std::initializer_list<std::string_view> more) {
  names.insert(names.end(), more.begin(), more.end());
  return names;
}

Outcome<EventQuery> EventFilter(const ApiRouter::Impl& api, const QueryParameters& parameters) {
  EventQuery query;
  for (std::string& actor : parameters.All("actor")) {
    if (actor.empty()) return BadParameter("parameter 'actor' is empty");
    if (actor.size() > 200) return BadParameter("parameter 'actor' is longer than 200 bytes");
    query.actors.push_back(std::move(actor));
  }
  auto pair = StringParameter(parameters, "pair", 400);
  if (auto* failure = std::get_if<Failure>(&pair)) return *failure;
  if (const std::string& both = std::get<std::string>(pair); !both.empty() || parameters.Has("pair")) {
    size_t comma = both.find(',');
    if (comma == std::string::npos || comma == 0 || comma + 1 == both.size() || both.find(',', comma + 1) != std::string::npos) {
      return BadParameter("parameter 'pair' must be two actors separated by a comma, not '" + both + "'");
    }
    query.actors.push_back(both.substr(0, comma));
    query.actors.push_back(both.substr(comma + 1));
  }
  if (query.actors.size() > static_cast<size_t>(api.limits.max_actor_filters)) {
    return BadParameter("at most " + std::to_string(api.limits.max_actor_filters) + " 'actor' parameters");
  }
  for (const std::string& actor : query.actors) {
    auto ids = api.store.ResolveActor(actor);
    if (!ids.ok()) return StoreFailure(ids.status());
    if (ids.value().empty()) return Failure{404, "unknown actor '" + actor + "': no actor has that name, spelling or id"};
  }
  auto country = StringParameter(parameters, "country", 2);
  if (std::holds_alternative<Failure>(country)) {
    return BadParameter("parameter 'country' must be an ISO 3166 alpha-2 code such as RU");
  }
  query.country = std::get<std::string>(country);
  for (char& c : query.country) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  if (!query.country.empty() &&
      (query.country.size() != 2 || !std::isupper(static_cast<unsigned char>(query.country[0])) ||
       !std::isupper(static_cast<unsigned char>(query.country[1])))) {
    return BadParameter("parameter 'country' must be an ISO 3166 alpha-2 code such as RU, not '" + query.country + "'");
  }
  auto from = DateParameter(parameters, "from", false);
  if (auto* failure = std::get_if<Failure>(&from)) return *failure;
  auto to = DateParameter(parameters, "to", true);
  if (auto* failure = std::get_if<Failure>(&to)) return *failure;
  query.date_from = std::get<std::string>(from);
  query.date_to = std::get<std::string>(to);
  if (!query.date_from.empty() && !query.date_to.empty() && query.date_from > query.date_to) {
    return BadParameter("parameter 'from' (" + query.date_from + ") is after 'to' (" + query.date_to + ")");
  }
  auto modes = ChoiceList(parameters, "mode", kModes);
  if (auto* failure = std::get_if<Failure>(&modes)) return *failure;
  query.modes = std::get<std::vector<std::string>>(modes);
  auto statuses = ChoiceList(parameters, "status", kStatuses);
  if (auto* failure = std::get_if<Failure>(&statuses)) return *failure;
  query.statuses = std::get<std::vector<std::string>>(statuses);
  auto type = ChoiceParameter(parameters, "type", {"CONSULT"});
  if (auto* failure = std::get_if<Failure>(&type)) return *failure;
  query.type = std::get<std::string>(type);
  auto language = ChoiceParameter(parameters, "language", kLanguages);
  if (auto* failure = std::get_if<Failure>(&language)) return *failure;
  query.language = std::get<std::string>(language);
  auto source = StringParameter(parameters, "source");
  if (auto* failure = std::get_if<Failure>(&source)) return *failure;
  query.outlet = std::get<std::string>(source);
  auto min_sources = IntegerParameter(parameters, "min_sources", 0, 0, 1000);
  if (auto* failure = std::get_if<Failure>(&min_sources)) return *failure;
  query.min_sources = static_cast<int>(std::get<int64_t>(min_sources));
  auto sort = ChoiceParameter(parameters, "sort", kSorts);
  if (auto* failure = std::get_if<Failure>(&sort)) return *failure;
  const std::string& sort_name = std::get<std::string>(sort);
  query.sort = sort_name == "-date"     ? EventQuery::Sort::kDateDescending
               : sort_name == "sources" ? EventQuery::Sort::kSourcesDescending
               : sort_name == "reported" ? EventQuery::Sort::kFirstReported
                                         : EventQuery::Sort::kDateAscending;
  return query;
}

// ---------------------------------------------------------------------------
// Handlers. Each gets the parameters and the path segment after its name
// (the id of /events/12, empty for lists).

using Handler = Outcome<HttpResponse> (*)(const ApiRouter::Impl&, const QueryParameters&, std::string_view);

Outcome<HttpResponse> ListEvents(const ApiRouter::Impl& api, const QueryParameters& parameters, std::string_view) {
  if (auto unknown = RejectUnknown(parameters, With(kFilterParameters, {"page", "per_page"}));
      std::holds_alternative<Failure>(unknown)) {
    return std::get<Failure>(unknown);
  }
  auto filter = EventFilter(api, parameters);
  if (auto* failure = std::get_if<Failure>(&filter)) return *failure;
  auto page = PageParameters(parameters, api.limits);
  if (auto* failure = std::get_if<Failure>(&page)) return *failure;
  EventQuery& query = std::get<EventQuery>(filter);
  const PageRequest& request = std::get<PageRequest>(page);
  query.offset = request.offset();
  query.limit = request.per_page;
  auto result = api.store.FindEvents(query);
  if (!result.ok()) return StoreFailure(result.status());
  if (auto failure = PageOutOfRange(request, result.value().total)) return *failure;
  json events = json::array();
  for (const EventRecord& event : result.value().events) events.push_back(serve_internal::EventJson(event, api.knowledge_base.get()));
  json body = PageJson(request);
  body["total"] = result.value().total;
  body["pages"] = (result.value().total + request.per_page - 1) / request.per_page;
  body["events"] = std::move(events);
  return JsonResponse(200, body);
}

// The events of a filter, most recent first, up to the export limit.
Outcome<EventPage> AllEvents(const ApiRouter::Impl& api, EventQuery query) {
  query.offset = 0;
  query.limit = api.limits.max_export_events;
  auto result = api.store.FindEvents(query);
  if (!result.ok()) return StoreFailure(result.status());
  return std::move(result).value();
}

Outcome<HttpResponse> ExportEvents(const ApiRouter::Impl& api, const QueryParameters& parameters, std::string_view) {
  if (auto unknown = RejectUnknown(parameters, With(kFilterParameters, {"format"}));
      std::holds_alternative<Failure>(unknown)) {
    return std::get<Failure>(unknown);
  }
  auto format_name = ChoiceParameter(parameters, "format", {"csv", "jsonl", "plover"});
  if (auto* failure = std::get_if<Failure>(&format_name)) return *failure;
  const std::string& name = std::get<std::string>(format_name);
  if (name.empty()) return BadParameter("parameter 'format' is required: csv, jsonl or plover");
  auto format = EventFormatFromName(name);
  if (!format.ok()) return BadParameter(format.status().message());
  auto filter = EventFilter(api, parameters);
  if (auto* failure = std::get_if<Failure>(&filter)) return *failure;
  auto page = AllEvents(api, std::get<EventQuery>(filter));
  if (auto* failure = std::get_if<Failure>(&page)) return *failure;
  const EventPage& events = std::get<EventPage>(page);
  HttpResponse response;
  std::string header = EventHeader(format.value());
  if (!header.empty()) response.body = header + "\r\n";
  // RFC 4180 wants CRLF between CSV records; JSON Lines takes plain LF.
  const char* newline = format.value() == EventFormat::kCsv ? "\r\n" : "\n";
  for (const EventRecord& event : events.events) {
    response.body += FormatEvent(event, format.value());
    response.body += newline;
  }
  response.content_type = format.value() == EventFormat::kCsv ? "text/csv; charset=utf-8"
                                                              : "application/x-ndjson; charset=utf-8";
  std::string file = name == "csv" ? "rayzan-events.csv" : name == "jsonl" ? "rayzan-events.jsonl"
                                                                           : "rayzan-events.plover.jsonl";
  response.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + file + "\"");
  response.headers.emplace_back("X-Total-Count", std::to_string(events.total));
  response.headers.emplace_back("X-Truncated", events.total > static_cast<int64_t>(events.events.size()) ? "true" : "false");
  response.headers.emplace_back("Cache-Control", "no-store");
  return response;
}

Outcome<HttpResponse> GetEvent(const ApiRouter::Impl& api, const QueryParameters& parameters, std::string_view segment) {
  if (auto unknown = RejectUnknown(parameters, {}); std::holds_alternative<Failure>(unknown)) {
    return std::get<Failure>(unknown);
  }
  auto id = IdSegment(segment, "event");
  if (auto* failure = std::get_if<Failure>(&id)) return *failure;
  auto detail = api.store.GetEvent(std::get<int64_t>(id));
  if (!detail.ok()) return StoreFailure(detail.status());
  const EventDetail& event = detail.value();
  json mentions = json::array();
  for (const MentionRecord& mention : event.mentions) mentions.push_back(serve_internal::MentionJson(mention));
  json sources = json::array();
  for (const EventSource& source : event.sources) {
    sources.push_back({{"outlet", source.outlet}, {"article_ids", source.article_ids}, {"independent", source.independent}});
  }
  json variants = json::array();
  for (const ReportVariant& variant : event.variants) {
    variants.push_back({{"what", variant.what}, {"value", variant.value}, {"mention_ids", variant.mention_ids}});
  }
  return JsonResponse(200, {{"event", serve_internal::EventJson(event.event, api.knowledge_base.get())},
                            {"mentions", std::move(mentions)},
                            {"sources", std::move(sources)},
                            {"variants", std::move(variants)},
                            {"planned_by", event.planned_by}});
}

// A page of rows fetched with one row more than asked (per_page + 1), which
// tells whether a next page exists: {"page",...,"has_more","<key>":[...]}.
template <typename Row, typename ToJson>
Outcome<HttpResponse> PagedList(const PageRequest& request, Result<std::vector<Row>> result, const char* key,
                                ToJson to_json) {
  if (!result.ok()) return StoreFailure(result.status());
  std::vector<Row>& rows = result.value();
  if (auto failure = EmptyPageOutOfRange(request, rows.size())) return *failure;
  bool more = rows.size() > static_cast<size_t>(request.per_page);
  if (more) rows.pop_back();
  json list = json::array();
  for (const Row& row : rows) list.push_back(to_json(row));
  json body = PageJson(request);
  body["has_more"] = more;
  body[key] = std::move(list);
  return JsonResponse(200, body);
}

Outcome<HttpResponse> ListActors(const ApiRouter::Impl& api, const QueryParameters& parameters, std::string_view) {
  if (auto unknown = RejectUnknown(parameters, {"q", "kind", "page", "per_page"});
      std::holds_alternative<Failure>(unknown)) {
    return std::get<Failure>(unknown);
  }
  ActorQuery query;
  auto text = StringParameter(parameters, "q");
  if (auto* failure = std::get_if<Failure>(&text)) return *failure;
  query.text = std::get<std::string>(text);
  auto kind = ChoiceParameter(parameters, "kind", {"person", "role", "country", "organization"});
  if (auto* failure = std::get_if<Failure>(&kind)) return *failure;
  query.kind = std::get<std::string>(kind);
  auto page = PageParameters(parameters, api.limits);
  if (auto* failure = std::get_if<Failure>(&page)) return *failure;
  const PageRequest& request = std::get<PageRequest>(page);
  query.offset = request.offset();
  query.limit = request.per_page + 1;  // one more tells whether a next page exists
  return PagedList(request, api.store.FindActors(query), "actors", serve_internal::ActorSummaryJson);
}

Outcome<HttpResponse> GetActor(const ApiRouter::Impl& api, const QueryParameters& parameters, std::string_view segment) {
  if (auto unknown = RejectUnknown(parameters, {}); std::holds_alternative<Failure>(unknown)) {
    return std::get<Failure>(unknown);
  }
  auto id = IdSegment(segment, "actor");
  if (auto* failure = std::get_if<Failure>(&id)) return *failure;
  auto detail = api.store.GetActor(std::get<int64_t>(id));
  if (!detail.ok()) return StoreFailure(detail.status());
  const ActorDetail& actor = detail.value();
  // Offices over time come from the knowledge base: the store keeps the
  // office of an actor's first event only.
  json roles = json::array();
  if (auto found = api.person_by_kb_id.find(actor.summary.actor.kb_id); found != api.person_by_kb_id.end()) {
    for (const Tenure& tenure : api.knowledge_base->person(found->second).tenures) {
      roles.push_back({{"office", tenure.office},
                       {"jurisdiction", tenure.jurisdiction},
                       {"from", tenure.from.year == 0 ? json(nullptr) : json(tenure.from.ToIso())},
                       {"to", tenure.to.year == 9999 ? json(nullptr) : json(tenure.to.ToIso())},
                       {"acting", tenure.acting}});
    }
  }
  json partners = json::array();
  for (const ActorPair& pair : actor.partners) partners.push_back(serve_internal::ActorPairJson(pair));
  json months = json::array();
  for (const auto& [month, count] : actor.events_per_month) months.push_back({{"month", month}, {"events", count}});
  return JsonResponse(200, {{"actor", serve_internal::ActorSummaryJson(actor.summary)},
                            {"roles", std::move(roles)},
                            {"partners", std::move(partners)},
                            {"events_per_month", std::move(months)}});
}

// The one actor `text` names, for parameters that take a single actor.
Outcome<int64_t> OneActor(const ApiRouter::Impl& api, const std::string& text) {
  auto ids = api.store.ResolveActor(text);
  if (!ids.ok()) return StoreFailure(ids.status());
  if (ids.value().empty()) return Failure{404, "unknown actor '" + text + "': no actor has that name, spelling or id"};
  if (ids.value().size() > 1) {
    std::string list;
    for (int64_t id : ids.value()) list += (list.empty() ? "#" : ", #") + std::to_string(id);
    return BadParameter("actor '" + text + "' is ambiguous: it names " + list + "; pass one of those ids");
  }
  return ids.value().front();
}

Outcome<HttpResponse> ListPairs(const ApiRouter::Impl& api, const QueryParameters& parameters, std::string_view) {
  if (auto unknown = RejectUnknown(parameters, {"actor", "limit"}); std::holds_alternative<Failure>(unknown)) {
    return std::get<Failure>(unknown);
  }
  auto actor_text = StringParameter(parameters, "actor");
  if (auto* failure = std::get_if<Failure>(&actor_text)) return *failure;
  int64_t actor = 0;
  if (!std::get<std::string>(actor_text).empty()) {
    auto id = OneActor(api, std::get<std::string>(actor_text));
    if (auto* failure = std::get_if<Failure>(&id)) return *failure;
    actor = std::get<int64_t>(id);
  }
  auto limit = IntegerParameter(parameters, "limit", api.limits.default_page_size, 1, api.limits.max_page_size);
  if (auto* failure = std::get_if<Failure>(&limit)) return *failure;
  auto pairs = api.store.TopPairs(actor, std::get<int64_t>(limit));
  if (!pairs.ok()) return StoreFailure(pairs.status());
  json list = json::array();
  for (const ActorPair& pair : pairs.value()) list.push_back(serve_internal::ActorPairJson(pair));
  return JsonResponse(200, {{"actor", actor == 0 ? json(nullptr) : json(actor)}, {"pairs", std::move(list)}});
}

// People (and the other actors) of the filtered events as nodes, shared
// events as weighted edges; the `limit` actors with most events are kept.
Outcome<HttpResponse> Network(const ApiRouter::Impl& api, const QueryParameters& parameters, std::string_view) {
  if (auto unknown = RejectUnknown(parameters, With(kFilterParameters, {"limit"}));
      std::holds_alternative<Failure>(unknown)) {
    return std::get<Failure>(unknown);
  }
  auto filter = EventFilter(api, parameters);
  if (auto* failure = std::get_if<Failure>(&filter)) return *failure;
  auto limit = IntegerParameter(parameters, "limit", 100, 1, 500);
  if (auto* failure = std::get_if<Failure>(&limit)) return *failure;
  EventQuery& query = std::get<EventQuery>(filter);
  query.sort = EventQuery::Sort::kDateDescending;  // truncation keeps the most recent events
  auto page = AllEvents(api, query);
  if (auto* failure = std::get_if<Failure>(&page)) return *failure;
  const EventPage& events = std::get<EventPage>(page);

  struct Node {
    const StoredActor* actor;
    int events = 0;
  };
  struct Edge {
    int events = 0;
    std::string first_date, last_date;
  };
  std::unordered_map<int64_t, Node> nodes;
  std::map<std::pair<int64_t, int64_t>, Edge> edges;
  for (const EventRecord& event : events.events) {
    for (const StoredActor& actor : event.actors) {
      auto [node, added] = nodes.try_emplace(actor.id, Node{&actor});
      ++node->second.events;
    }
    for (size_t i = 0; i < event.actors.size(); ++i) {
      for (size_t j = i + 1; j < event.actors.size(); ++j) {
        int64_t a = std::min(event.actors[i].id, event.actors[j].id);
        int64_t b = std::max(event.actors[i].id, event.actors[j].id);
        if (a == b) continue;
        Edge& edge = edges[{a, b}];
        ++edge.events;
        const std::string& date = event.date_from.empty() ? event.first_reported : event.date_from;
        if (!date.empty() && (edge.first_date.empty() || date < edge.first_date)) edge.first_date = date;
        if (!date.empty() && date > edge.last_date) edge.last_date = date;
      }
    }
  }
  std::vector<std::pair<int64_t, const Node*>> ranked;
  for (const auto& [id, node] : nodes) ranked.emplace_back(id, &node);
  std::sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) {
    return a.second->events != b.second->events ? a.second->events > b.second->events : a.first < b.first;
  });
  if (ranked.size() > static_cast<size_t>(std::get<int64_t>(limit))) ranked.resize(std::get<int64_t>(limit));
  json node_list = json::array();
  std::unordered_set<int64_t> kept;
  for (const auto& [id, node] : ranked) {
    json entry = serve_internal::ActorJson(*node->actor);
    entry["events"] = node->events;
    node_list.push_back(std::move(entry));
    kept.insert(id);
  }
  json edge_list = json::array();
  for (const auto& [ends, edge] : edges) {
    if (!kept.count(ends.first) || !kept.count(ends.second)) continue;
    edge_list.push_back({{"source", ends.first},
                         {"target", ends.second},
                         {"events", edge.events},
                         {"first_date", edge.first_date.empty() ? json(nullptr) : json(edge.first_date)},
                         {"last_date", edge.last_date.empty() ? json(nullptr) : json(edge.last_date)}});
  }
  return JsonResponse(200, {{"total", events.total},
                            {"events_considered", events.events.size()},
                            {"truncated", events.total > static_cast<int64_t>(events.events.size())},
                            {"nodes", std::move(node_list)},
                            {"edges", std::move(edge_list)}});
}

Outcome<HttpResponse> ListArticles(const ApiRouter::Impl& api, const QueryParameters& parameters, std::string_view) {
  if (auto unknown = RejectUnknown(parameters, {"source", "language", "from", "to", "originals", "with_events",
                                                "page", "per_page"});
      std::holds_alternative<Failure>(unknown)) {
    return std::get<Failure>(unknown);
  }
  ArticleQuery query;
  auto source = StringParameter(parameters, "source");
  if (auto* failure = std::get_if<Failure>(&source)) return *failure;
  query.outlet = std::get<std::string>(source);
  auto language = ChoiceParameter(parameters, "language", kLanguages);
  if (auto* failure = std::get_if<Failure>(&language)) return *failure;
  query.language = std::get<std::string>(language);
  auto from = DateParameter(parameters, "from", false);
  if (auto* failure = std::get_if<Failure>(&from)) return *failure;
  auto to = DateParameter(parameters, "to", true);
  if (auto* failure = std::get_if<Failure>(&to)) return *failure;
  query.date_from = std::get<std::string>(from);
  query.date_to = std::get<std::string>(to);
  if (!query.date_from.empty() && !query.date_to.empty() && query.date_from > query.date_to) {
    return BadParameter("parameter 'from' (" + query.date_from + ") is after 'to' (" + query.date_to + ")");
  }
  auto originals = BoolParameter(parameters, "originals");
  if (auto* failure = std::get_if<Failure>(&originals)) return *failure;
  query.originals_only = std::get<bool>(originals);
  auto with_events = BoolParameter(parameters, "with_events");
  if (auto* failure = std::get_if<Failure>(&with_events)) return *failure;
  query.with_events_only = std::get<bool>(with_events);
  auto page = PageParameters(parameters, api.limits);
  if (auto* failure = std::get_if<Failure>(&page)) return *failure;
  const PageRequest& request = std::get<PageRequest>(page);
  query.offset = request.offset();
  query.limit = request.per_page + 1;
  return PagedList(request, api.store.FindArticles(query), "articles", serve_internal::ArticleJson);
}

Outcome<HttpResponse> GetArticle(const ApiRouter::Impl& api, const QueryParameters& parameters,
                                 std::string_view segment) {
  if (auto unknown = RejectUnknown(parameters, {}); std::holds_alternative<Failure>(unknown)) {
    return std::get<Failure>(unknown);
  }
  auto id = IdSegment(segment, "article");
  if (auto* failure = std::get_if<Failure>(&id)) return *failure;
  auto detail = api.store.GetArticle(std::get<int64_t>(id));
  if (!detail.ok()) return StoreFailure(detail.status());
  const ArticleDetail& article = detail.value();
  json mentions = json::array();
  for (const MentionRecord& mention : article.mentions) mentions.push_back(serve_internal::MentionJson(mention));
  json events = json::array();
  for (const EventRecord& event : article.events) events.push_back(serve_internal::EventJson(event, api.knowledge_base.get()));
  json copies = json::array();
  for (const ArticleRecord& copy : article.copies) copies.push_back(serve_internal::ArticleJson(copy));
  return JsonResponse(200, {{"article", serve_internal::ArticleJson(article.article)},
                            {"input_source", article.article.input_source},
                            {"text", article.text},
                            {"mentions", std::move(mentions)},
                            {"events", std::move(events)},
                            {"copies", std::move(copies)}});
}

// Bounds the cost of a full-text expression: its length, its number of
// terms, and prefix terms short enough to expand to half the vocabulary.
std::optional<Failure> CheckSearchCost(const std::string& text, const ApiLimits& limits) {
  if (text.empty()) return BadParameter("parameter 'q' is required: the words to search for");
  if (text.size() > limits.max_search_bytes) {
    return BadParameter("parameter 'q' is longer than " + std::to_string(limits.max_search_bytes) + " bytes");
  }
  int terms = 0;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find(' ', start);
    if (end == std::string::npos) end = text.size();
    std::string_view term(text.data() + start, end - start);
    start = end + 1;
    if (term.empty()) continue;
    ++terms;
    size_t star = term.find('*');
    // At least 3 bytes before the star: three Latin letters, two Arabic.
    if (star != std::string_view::npos) {
      size_t stem = term.find_first_not_of("\"(", 0);
      if (stem == std::string_view::npos || star < stem + 3) {
        return BadParameter("prefix term '" + std::string(term) +
                            "' is too short: give at least three Latin or two Persian/Arabic letters before '*'");
      }
    }
  }
  if (terms > limits.max_search_terms) {
    return BadParameter("parameter 'q' has " + std::to_string(terms) + " terms; at most " +
                        std::to_string(limits.max_search_terms));
  }
  return std::nullopt;
}

Outcome<HttpResponse> Search(const ApiRouter::Impl& api, const QueryParameters& parameters, std::string_view) {
  if (auto unknown = RejectUnknown(parameters, {"q", "language", "page", "per_page"});
      std::holds_alternative<Failure>(unknown)) {
    return std::get<Failure>(unknown);
  }
  SearchQuery query;
  auto text = StringParameter(parameters, "q", api.limits.max_search_bytes);
  if (auto* failure = std::get_if<Failure>(&text)) return *failure;
  query.text = std::get<std::string>(text);
  if (auto failure = CheckSearchCost(query.text, api.limits)) return *failure;
  auto language = ChoiceParameter(parameters, "language", kLanguages);
  if (auto* failure = std::get_if<Failure>(&language)) return *failure;
  query.language = std::get<std::string>(language);
  auto page = PageParameters(parameters, api.limits);
  if (auto* failure = std::get_if<Failure>(&page)) return *failure;
  const PageRequest& request = std::get<PageRequest>(page);
  query.offset = request.offset();
  query.limit = request.per_page + 1;
  auto result = api.store.Search(query);
  // The store fails a search only on a malformed FTS5 expression (or a
  // broken database, which every other endpoint would report too).
  if (!result.ok()) return StoreFailure(result.status(), 400);
  std::vector<SearchHit>& hits = result.value();
  if (auto failure = EmptyPageOutOfRange(request, hits.size())) return *failure;
  bool more = hits.size() > static_cast<size_t>(request.per_page);
  if (more) hits.pop_back();
  json list = json::array();
  for (const SearchHit& hit : hits) {
    json events = json::array();
    for (const EventRecord& event : hit.events) events.push_back(serve_internal::EventJson(event, api.knowledge_base.get()));
    list.push_back({{"article", serve_internal::ArticleJson(hit.article)},
                    {"snippet", hit.snippet},
                    {"rank", hit.rank},
                    {"events", std::move(events)}});
  }
  json body = PageJson(request);
  body["q"] = query.text;
  body["has_more"] = more;
  body["hits"] = std::move(list);
  return JsonResponse(200, body);
}

json CountList(const std::vector<std::pair<std::string, int64_t>>& counts, const char* key) {
  json list = json::array();
  for (const auto& [name, count] : counts) list.push_back({{key, name}, {"count", count}});
  return list;
}

Outcome<HttpResponse> Stats(const ApiRouter::Impl& api, const QueryParameters& parameters, std::string_view) {
  if (auto unknown = RejectUnknown(parameters, {"top"}); std::holds_alternative<Failure>(unknown)) {
    return std::get<Failure>(unknown);
  }
  auto top = IntegerParameter(parameters, "top", 20, 1, 100);
  if (auto* failure = std::get_if<Failure>(&top)) return *failure;
  auto result = api.store.Stats(std::get<int64_t>(top));
  if (!result.ok()) return StoreFailure(result.status());
  const StoreStats& stats = result.value();
  json actors = json::array();
  for (const ActorSummary& actor : stats.top_actors) actors.push_back(serve_internal::ActorSummaryJson(actor));
  json pairs = json::array();
  for (const ActorPair& pair : stats.top_pairs) pairs.push_back(serve_internal::ActorPairJson(pair));
  return JsonResponse(200, {{"articles", stats.articles},
                            {"exact_duplicates", stats.exact_duplicates},
                            {"near_duplicates", stats.near_duplicates},
                            {"mentions", stats.mentions},
                            {"events", stats.events},
                            {"actors", stats.actors},
                            {"places", stats.places},
                            {"conflicting_events", stats.conflicting_events},
                            {"articles_per_language", CountList(stats.articles_per_language, "language")},
                            {"events_per_mode", CountList(stats.events_per_mode, "mode")},
                            {"events_per_month", CountList(stats.events_per_month, "month")},
                            {"top_actors", std::move(actors)},
                            {"top_pairs", std::move(pairs)},
                            {"file_bytes", stats.file_bytes}});
}

Outcome<HttpResponse> Index(const ApiRouter::Impl&, const QueryParameters&, std::string_view) {
  return JsonResponse(200, {{"name", "rayzan"},
                            {"api", "v1"},
                            {"documentation", "docs/api.md"},
                            {"endpoints",
                             {"/api/v1/events", "/api/v1/events/export", "/api/v1/events/{id}", "/api/v1/actors",
                              "/api/v1/actors/{id}", "/api/v1/pairs", "/api/v1/network", "/api/v1/articles",
                              "/api/v1/articles/{id}", "/api/v1/search", "/api/v1/stats"}}});
}

struct Endpoint {
  std::string_view collection;  // first segment after /api/v1/
  bool takes_id;                // /collection/{segment}
  Handler handler;
};

// Fixed segments ("events/export") come before the {id} routes of the same
// collection.
constexpr Endpoint kEndpoints[] = {
    {"", false, Index},
    {"events", false, ListEvents},
    {"events/export", false, ExportEvents},
    {"events", true, GetEvent},
    {"actors", false, ListActors},
    {"actors", true, GetActor},
    {"pairs", false, ListPairs},
    {"network", false, Network},
    {"articles", false, ListArticles},
    {"articles", true, GetArticle},
    {"search", false, Search},
    {"stats", false, Stats},
};

}  // namespace

HttpResponse ApiRouter::Impl::Route(std::string_view path, const QueryParameters& parameters) const {
  std::string_view rest = path.substr(kPrefix.size());
  while (!rest.empty() && rest.front() == '/') rest.remove_prefix(1);
  while (!rest.empty() && rest.back() == '/') rest.remove_suffix(1);
  for (const Endpoint& route : kEndpoints) {
    std::string_view segment;
    if (route.takes_id) {
      if (!rest.starts_with(route.collection) || rest.size() <= route.collection.size() + 1 ||
          rest[route.collection.size()] != '/') {
        continue;
      }
      segment = rest.substr(route.collection.size() + 1);
      if (segment.find('/') != std::string_view::npos) continue;
    } else if (rest != route.collection) {
      continue;
    }
    Outcome<HttpResponse> outcome = route.handler(*this, parameters, segment);
    if (auto* failure = std::get_if<Failure>(&outcome)) return Error(failure->status, failure->message);
    return std::move(std::get<HttpResponse>(outcome));
  }
  return Error(404, "no API endpoint " + std::string(path) + " (see /api/v1 for the list)");
}

ApiRouter::ApiRouter(const EventStore& store, std::shared_ptr<const KnowledgeBase> knowledge_base, ApiOptions options) {
  auto impl = std::make_unique<Impl>(Impl{store, std::move(knowledge_base), options.limits, {}, nullptr});
  if (options.cache_bytes > 0) {
    impl->cache = std::make_unique<serve_internal::ResponseCache>(store.path(), options.cache_bytes);
  }
  if (impl->knowledge_base) {
    for (size_t i = 0; i < impl->knowledge_base->person_count(); ++i) {
      impl->person_by_kb_id.emplace(impl->knowledge_base->person(static_cast<uint32_t>(i)).id, static_cast<uint32_t>(i));
    }
  }
  impl_ = std::move(impl);
}

ApiRouter::~ApiRouter() = default;

bool ApiRouter::IsApiPath(std::string_view path) { return path == "/api" || path.starts_with("/api/"); }

HttpResponse ApiRouter::Handle(std::string_view method, std::string_view raw_path, std::string_view query) const {
  try {
    if (method != "GET" && method != "HEAD") {
      HttpResponse response = Error(405, "method " + std::string(method) + " not allowed: the API is read-only (GET)");
      response.headers.emplace_back("Allow", "GET, HEAD");
      return response;
    }
    if (query.size() > impl_->limits.max_query_bytes) {
      return Error(414, "query string longer than " + std::to_string(impl_->limits.max_query_bytes) + " bytes");
    }
    auto decoded_path = serve_internal::PercentDecode(raw_path, /*plus_is_space=*/false);
    if (!decoded_path.ok()) return Error(400, "path: " + decoded_path.status().message());
    std::string_view path = decoded_path.value();
    if (path != kPrefix && !path.starts_with(std::string(kPrefix) + "/")) {
      return Error(404, "no API at " + std::string(path) + "; the API lives under /api/v1 (docs/api.md)");
    }
    auto parameters = QueryParameters::Parse(query);
    if (!parameters.ok()) return Error(400, parameters.status().message());
    if (!impl_->cache) return impl_->Route(path, parameters.value());
    std::string key = std::string(path) + "?" + std::string(query);
    serve_internal::FileVersion version;
    if (auto kept = impl_->cache->Find(key, &version)) return *kept;
    HttpResponse response = impl_->Route(path, parameters.value());
    if (response.status == 200) impl_->cache->Insert(key, version, response);
    return response;
  } catch (const std::exception& error) {
    // Only a bug or memory exhaustion gets here; the client still gets JSON.
    return Error(500, std::string("internal error: ") + error.what());
  }
}

}  // namespace rayzan
