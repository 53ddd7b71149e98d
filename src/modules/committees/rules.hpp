// Pure committee rules: codes, policy checks, the term's end date and the party-member share
// against the street's policy. No SQL, no HTTP, no clock.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/code_table.hpp"
#include "modules/committees/model.hpp"

namespace weizhi::committees {

// The codes rows and JSON speak (read with code_of, parse_code and parser_of).
constexpr CodeTable<Position> kPositions = {
    {Position::Director, "director"}, {Position::Deputy, "deputy"}, {Position::Member, "member"}};
constexpr CodeTable<CommissionerJoins> kCommissionerJoins = {{CommissionerJoins::ExOfficio, "ex_officio"},
                                                             {CommissionerJoins::IfElected, "if_elected"}};

// The ten duties of the pilot streets, the default of every street.
const std::vector<std::string>& default_duties();

// 400 naming the field: term 1–10 years, 1–20 duties of 1–200 characters, share 0–100 %,
// publicity 1–60 days.
void check_policy(const Policy& policy);

// The last day of a term of `years` starting on `starts_on` (YYYY-MM-DD): the day before the
// anniversary (29 February starts end on 27 February when the anniversary year has none).
// nullopt when `starts_on` is not a date.
std::optional<std::string> term_end(const std::string& starts_on, std::int64_t years);

// The share of party members against the policy, exact: met when 100·party ≥ percent·members
// (an empty committee never meets it); the shortfall is how many more of the members would have
// to be party members.
PartyShare party_share(std::int64_t party_members, std::int64_t members, std::int64_t required_percent);

// A committee has at most one director; 409 when `adding` would make a second.
void check_position(const std::vector<Member>& current, Position adding);

}  // namespace weizhi::committees
