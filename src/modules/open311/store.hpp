// SQL of the Open311 module: the street and compounds a request may name, the Open311 data kept
// beside a case, and the search of requests under the scopes a client may read.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "modules/open311/rules.hpp"
#include "store/db.hpp"

namespace weizhi::open311 {

// A street by id or code; nullopt when no street has it.
std::optional<std::int64_t> find_street(store::Connection& connection, const std::string& id_or_code);
// The only street of the database; nullopt when there are none or several.
std::optional<std::int64_t> only_street(store::Connection& connection);
// The compounds of the street, by id.
std::vector<NamedNode> compounds_of_street(store::Connection& connection, std::int64_t street_id);

struct Extra {
  Location location;
  std::string media_url;
  std::string device_id;
  std::string account_id;
  std::int64_t user_id = 0;
};
void insert_extra(store::Tx& tx, std::int64_t case_id, const Extra& extra);

struct Search {
  std::vector<std::string> scope_paths;  // the subtrees the client may read; none: nothing found
  std::vector<std::int64_t> ids;         // when given, only these (the other filters still apply to scope)
  std::optional<std::string> service_code;
  std::vector<cases::State> states;  // empty: any
  std::optional<Window> window;      // on the report time
  std::int64_t limit = 1000;
};
struct Found {
  std::int64_t case_id;
  std::optional<Extra> extra;  // for requests filed through Open311
  std::string updated_at;      // the latest event's time
};
// The newest first, at most `limit`.
std::vector<Found> search(store::Connection& connection, const Search& search);

}  // namespace weizhi::open311
