// Pure rules of Open311 GeoReport v2: the document names (JSON only), the fields of a JSON
// body, where a request is (coordinates or an address, a compound named in it), the
// two-value status of our finer states with its Chinese notes, and the date window of a search.
// No SQL, no HTTP, no clock: "now" is passed in. Refusals throw ApiError naming the field.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/code_table.hpp"
#include "core/time.hpp"
#include "modules/cases/cases.hpp"

namespace weizhi::open311 {

// The spec's two request statuses: open for our open state type, closed for fixed and closed.
enum class Status { Open, Closed };
// The codes JSON speaks (read with code_of, parse_code and parser_of).
constexpr CodeTable<Status> kStatuses = {{Status::Open, "open"}, {Status::Closed, "closed"}};
Status status_of(cases::State state);
// "open", "closed" or both comma-separated; 400 naming status otherwise.
std::vector<Status> parse_statuses(std::string_view text);
// Our states that show as `status`.
std::vector<cases::State> states_of(Status status);

// The state in Chinese, with the reason of a closing without a fix and the original of a duplicate.
std::string status_notes(cases::State state, const std::optional<std::string>& close_reason,
                         std::optional<std::int64_t> original_id);
// Who answers for an item, in Chinese: the spec's agency_responsible.
constexpr CodeTable<cases::Party> kAgencyLabels = {{cases::Party::PropertyCompany, "物业服务企业"},
                                                   {cases::Party::Committee, "业主委员会"},
                                                   {cases::Party::Commissioner, "小区专员"},
                                                   {cases::Party::Community, "社区居委会"},
                                                   {cases::Party::Street, "街道"},
                                                   {cases::Party::Utility, "专业经营单位"},
                                                   {cases::Party::SocialOrg, "社会组织"}};

// The name of a document segment such as "services.json" ("services"); 400 naming format for
// ".xml" (we answer JSON only) or no format at all.
std::string json_document(std::string_view segment);

// A request's fields (the routes read a form body into the same map).
using Fields = std::map<std::string, std::string>;
// The fields of a JSON object body: values as text (numbers written as JSON writes them), and
// {"attribute": {"compound": 5}} as attribute[compound]. 400 when malformed.
Fields json_fields(std::string_view body);

// A comma-separated list of case ids, at most `limit`; 400 naming `field` otherwise.
std::vector<std::int64_t> parse_id_list(std::string_view text, const std::string& field, std::size_t limit);

struct Location {
  std::optional<double> lat;   // degrees, WGS 84 as the client sent it
  std::optional<double> lon;   // degrees
  std::string address_string;  // free text, at most 200 bytes
};
// lat and long together, or address_string, or both: 400 naming the field when a coordinate is
// not a number in range, comes without the other, or when there is no location at all.
Location parse_location(const Fields& fields);

struct NamedNode {
  std::int64_t id;
  std::string name;
};
// The one compound whose name appears in the address; nullopt for none or several.
std::optional<std::int64_t> compound_named_in(const std::string& address, const std::vector<NamedNode>& compounds);
// 400 naming address_string when the address names one compound of the street and it is not the
// request's (`compound_id`, from attribute[compound] or the key's scope): a case of one compound
// does not carry the location of another.
void check_address_compound(const std::string& address, std::int64_t compound_id,
                            const std::vector<NamedNode>& compounds);

// The window of a search: [start, end). Each bound is ISO 8601 with an offset (400 naming
// start_date or end_date otherwise); end defaults to now, start to 90 days before end.
struct Window {
  TimePoint start;
  TimePoint end;
};
inline constexpr int kDefaultWindowDays = 90;
Window search_window(const std::optional<std::string>& start_date, const std::optional<std::string>& end_date,
                     TimePoint now);

}  // namespace weizhi::open311
