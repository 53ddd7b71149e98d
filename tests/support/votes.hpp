// Votes for API tests: times around now as the API takes them, a vote's paths, and a vote of a compound made
// and opened through every channel, as an organiser does.
#pragma once
#include <chrono>
#include <cstdint>
#include <string>

#include <gtest/gtest.h>

#include "core/time.hpp"
#include "support/http_client.hpp"

namespace weizhi::testing {

inline std::string hours_from_now(int hours) {
  return iso_utc(std::chrono::system_clock::now() + std::chrono::hours(hours));
}

inline std::string vote_path(std::int64_t id, const std::string& rest = "") {
  return "/api/v1/votes/" + std::to_string(id) + rest;
}

// A vote of the compound on `matter` (docs/rules.md#a-matters) through every channel, open from an hour ago for
// two days, made and opened by the organiser; its id.
inline std::int64_t open_vote(HttpClient& organiser, std::int64_t compound, int matter = 4) {
  Reply created = organiser.post("/api/v1/votes", nlohmann::json{{"compound_id", compound},
                                                                 {"title", "关于续聘物业的表决"},
                                                                 {"matter", matter},
                                                                 {"items", {"同意续聘"}},
                                                                 {"opens_at", hours_from_now(-1)},
                                                                 {"closes_at", hours_from_now(48)},
                                                                 {"channels", {"online", "paper", "meeting"}}});
  EXPECT_EQ(created.status, 201) << created.body;
  std::int64_t id = created.json().value("id", std::int64_t{0});
  Reply opened = organiser.post(vote_path(id, "/open"), nlohmann::json::object());
  EXPECT_EQ(opened.status, 200) << opened.body;
  return id;
}

}  // namespace weizhi::testing
