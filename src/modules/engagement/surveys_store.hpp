// SQL of surveys: surveys written and read, the households (residential parts with people linked to
// them) of a scope and of a person, responses with their answers under the unique (survey, household),
// and the counts the results are made of — all counted in SQL. No decisions (surveys_rules.hpp).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "modules/engagement/surveys_rules.hpp"
#include "store/db.hpp"

namespace weizhi::engagement {

std::int64_t insert_survey(store::Tx& tx, const SurveyInput& input, std::int64_t user_id);
void update_survey(store::Tx& tx, std::int64_t id, const SurveyInput& input);
// Moves the survey to `state`, stamping opened_at or closed_at.
void set_survey_state(store::Tx& tx, std::int64_t id, SurveyState state);
std::optional<Survey> find_survey(store::Connection& connection, std::int64_t id);
// Surveys of the subtree at `path`, those closing last first, at most `limit`.
std::vector<Survey> surveys_under(store::Connection& connection, const std::string& path, std::int64_t limit);
// Open surveys of the subtree at `path` closing within [from, to), closing soonest first.
std::vector<Survey> open_surveys_closing(store::Connection& connection, const std::string& path, TimePoint from,
                                         TimePoint to);
// Open surveys of any of the nodes at `paths` or above them, not yet closed at `now`, closing soonest first.
std::vector<Survey> open_surveys_over(store::Connection& connection, const std::vector<std::string>& paths,
                                      TimePoint now);

// A household: a residential part, with where it lies.
struct Household {
  std::int64_t id = 0;  // the part's node
  std::string path;
  std::int64_t compound_id = 0;
  std::int64_t building_id = 0;
  std::string address;  // compound, building, unit, room
};
std::optional<Household> find_household(store::Connection& connection, std::int64_t part_id);
// The households a person is linked to (owner, tenant or resident), by address.
std::vector<Household> households_of_person(store::Connection& connection, std::int64_t person_id);
// The households of the subtree at `path` by id, at most `limit`.
std::vector<Household> households_under(store::Connection& connection, const std::string& path, std::int64_t limit);
// The households of the subtree at `path` whose address the typed query means, at most 20.
std::vector<Household> households_at_address(store::Connection& connection, const std::string& path,
                                             const std::string& query);

// The household's response to the survey, if any.
std::optional<FirstResponse> response_of(store::Connection& connection, std::int64_t survey_id,
                                         std::int64_t household_id);
bool form_number_used(store::Connection& connection, std::int64_t survey_id, const std::string& number);
struct NewResponse {
  std::int64_t survey_id = 0;
  Household household;
  Channel channel = Channel::Online;
  std::optional<std::int64_t> person_id;
  std::optional<std::string> paper_form_number;
  std::int64_t entered_by_user_id = 0;
};
// Inserts the response and its answers; nullopt, writing nothing, when the household (or the form
// number) has one already — decided by the unique indexes, so that of any number at once one is kept.
std::optional<std::int64_t> insert_response(store::Tx& tx, const NewResponse& response,
                                            const std::vector<Answer>& answers);

// --- Counts for the results ---

// What the counts are grouped by: nothing (the whole scope), compound or building.
enum class Breakdown { None, Compound, Building };
struct GroupCount {
  std::int64_t group_id = 0;  // households: 0 without a breakdown; responses and answers: the survey's id
  std::string name;
  std::int64_t count = 0;
};
// The households of the subtree at `path`, per group.
std::vector<GroupCount> households_in(store::Connection& connection, const std::string& path, Breakdown by);
// The survey's responses, per group.
std::vector<GroupCount> responses_in(store::Connection& connection, std::int64_t survey_id, Breakdown by);
struct GroupedAnswers {
  std::int64_t group_id = 0;
  std::vector<AnsweredCount> answered;
  std::vector<AnswerCount> counts;
};
// The answers' counts per group: how many responses answered each question, and each option or scale value's
// count; `multiple_questions` are the survey's multiple-choice questions (several rows per response).
std::vector<GroupedAnswers> answer_counts(store::Connection& connection, std::int64_t survey_id, Breakdown by,
                                          const std::vector<std::int64_t>& multiple_questions);
// The texts given to the question, the newest first, at most `limit`, without who wrote them.
std::vector<std::string> answer_texts(store::Connection& connection, std::int64_t survey_id, std::int64_t question,
                                      std::int64_t limit);

}  // namespace weizhi::engagement
