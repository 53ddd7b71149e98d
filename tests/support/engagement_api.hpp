// What the engagement API tests share: a second street with a household and a person (whose ids must answer
// 404 at every end), and the hostile checks every route family gets (anonymous callers refused, odd ids not
// found).
#pragma once
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "core/crypto.hpp"
#include "modules/org/registry.hpp"
#include "modules/org/store.hpp"
#include "modules/people/people.hpp"
#include "store/db.hpp"
#include "support/http_client.hpp"

namespace weizhi::testing {

// 湖墅街道 › 湖墅社区 › 湖墅小区 with one household (part 101) owned by one person.
struct OtherStreet {
  std::int64_t street, community, compound, household, person;
};

inline OtherStreet other_street(store::Db& db, const crypto::DataKey& key) {
  return db.write([&](store::Tx& tx) {
    auto street = org::insert_node(tx, std::nullopt, org::NodeKind::Street, "湖墅街道", "other-street");
    auto community = org::create_community(tx, street, "湖墅社区", "other-community");
    auto compound = org::create_compound(tx, community, "湖墅小区", "other-compound");
    auto building = org::create_building(tx, compound, {"1幢", 6, false});
    auto unit = org::create_unit(tx, building, "1单元");
    auto part = org::create_part(tx, unit, {"101", 1, org::PartUse::Residential, 8000, org::AreaSource::Registered});
    people::PersonInput input{compound.id, "湖墅居民"};
    input.tags = {"gold_mediator"};
    std::int64_t person = people::create_person(tx, key, input);
    people::link_part(tx, part.id, person, people::Relation::Owner, false);
    return OtherStreet{street.id, community.id, compound.id, part.id, person};
  });
}

using Calls = std::vector<std::pair<std::string, std::string>>;

// Every call answers 401 to a caller who has not signed in.
inline void expect_anonymous_refused(HttpClient& anonymous, const Calls& calls) {
  for (const auto& [method, target] : calls) {
    EXPECT_EQ(anonymous.send(method, target, "{}").status, 401) << method << " " << target;
  }
}

// Ids that are not ids under `base` ("/api/v1/events"): an exponent, negative, hex, too large, not digits.
inline void expect_odd_ids_not_found(HttpClient& client, const std::string& base) {
  for (const char* odd : {"/1e3", "/-1", "/0x1", "/99999999999999999999", "/%E4%B8%80"}) {
    EXPECT_EQ(client.get(base + odd).status, 404) << base << odd;
  }
}

}  // namespace weizhi::testing
