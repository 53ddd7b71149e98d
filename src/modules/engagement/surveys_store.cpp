// SQL of surveys (see surveys_store.hpp). Only portable SQL; times are iso_utc text.
#include "modules/engagement/surveys_store.hpp"

#include <map>
#include <set>

#include "modules/engagement/engagement.hpp"
#include "modules/engagement/store.hpp"
#include "modules/engagement/surveys_rules.hpp"
#include "modules/org/org.hpp"
#include "store/rows.hpp"

namespace weizhi::engagement {

namespace {

constexpr const char* kSurveyColumns =
    "SELECT s.id, s.node_id, s.title, s.kind, s.state, s.opens_at, s.closes_at, s.questions, s.created_at, "
    "s.opened_at, s.closed_at, n.name, n.path FROM surveys s JOIN org_nodes n ON n.id = s.node_id ";

Survey to_survey(const store::Row& row) {
  return Survey{.id = row.i64(0),
                .input = {.node_id = row.i64(1),
                          .title = row.text(2),
                          .kind = parse_code(kSurveyKinds, row.text(3)).value_or(SurveyKind::General),
                          .opens_at = stored_moment(row.text(5)),
                          .closes_at = stored_moment(row.text(6)),
                          .questions = read_questions(parse_json(row.text(7)), "questions")},
                .state = parse_code(kSurveyStates, row.text(4)).value_or(SurveyState::Draft),
                .node_name = row.text(11),
                .node_path = row.text(12),
                .created_at = row.text(8),
                .opened_at = row.optional_text(9),
                .closed_at = row.optional_text(10)};
}

// A residential part with someone linked to it, and where it lies.
constexpr const char* kHouseholdColumns =
    "SELECT part.id, part.path, compound.id, building.id, compound.name, building.name, unit.name, part.name "
    "FROM org_nodes part JOIN parts p ON p.node_id = part.id JOIN org_nodes unit ON unit.id = part.parent_id "
    "JOIN org_nodes building ON building.id = unit.parent_id JOIN org_nodes compound ON compound.id = "
    "building.parent_id WHERE p.use = 'residential' AND EXISTS (SELECT 1 FROM part_links hl WHERE "
    "hl.part_node_id = part.id) ";

Household to_household(const store::Row& row) {
  return Household{row.i64(0), row.text(1), row.i64(2), row.i64(3),
                   row.text(4) + " " + row.text(5) + " " + row.text(6) + " " + row.text(7)};
}

// The column a breakdown groups households (org_nodes aliases) or responses (r) by; without one, responses
// are grouped by their survey (a literal would be read as a column number).
std::string household_group(Breakdown by) { return by == Breakdown::Compound ? "compound" : "building"; }
std::string response_group(Breakdown by) {
  switch (by) {
    case Breakdown::Compound:
      return "r.compound_id";
    case Breakdown::Building:
      return "r.building_id";
    case Breakdown::None:
      break;
  }
  return "r.survey_id";
}

}  // namespace

std::int64_t insert_survey(store::Tx& tx, const SurveyInput& input, std::int64_t user_id) {
  std::string now = iso_utc(tx.now());
  return tx.scalar(
      "INSERT INTO surveys (node_id, title, kind, state, opens_at, closes_at, questions, created_by_user_id, "
      "created_at, updated_at) VALUES (?, ?, ?, 'draft', ?, ?, ?, ?, ?, ?) RETURNING id",
      {input.node_id, input.title, code_of(kSurveyKinds, input.kind), iso_utc(input.opens_at), iso_utc(input.closes_at),
       questions_json(input.questions).dump(), user_id, now, now});
}

void update_survey(store::Tx& tx, std::int64_t id, const SurveyInput& input) {
  tx.exec(
      "UPDATE surveys SET title = ?, kind = ?, opens_at = ?, closes_at = ?, questions = ?, updated_at = ? "
      "WHERE id = ?",
      {input.title, code_of(kSurveyKinds, input.kind), iso_utc(input.opens_at), iso_utc(input.closes_at),
       questions_json(input.questions).dump(), iso_utc(tx.now()), id});
}

void set_survey_state(store::Tx& tx, std::int64_t id, SurveyState state) {
  std::string stamp = state == SurveyState::Open ? "opened_at" : "closed_at";
  tx.exec("UPDATE surveys SET state = ?, " + stamp + " = ?, updated_at = ? WHERE id = ?",
          {code_of(kSurveyStates, state), iso_utc(tx.now()), iso_utc(tx.now()), id});
}

std::optional<Survey> find_survey(store::Connection& connection, std::int64_t id) {
  return store::map_row(connection.query_one(std::string(kSurveyColumns) + "WHERE s.id = ?", {id}), to_survey);
}

std::vector<Survey> surveys_under(store::Connection& connection, const std::string& path, std::int64_t limit) {
  auto params = org::subtree_params(path);
  params.emplace_back(limit);
  return store::map_rows(
      connection.query(std::string(kSurveyColumns) + "WHERE " + org::subtree_condition(connection.dialect(), "n.path") +
                           " ORDER BY s.closes_at DESC, s.id DESC LIMIT ?",
                       params),
      to_survey);
}

std::vector<Survey> open_surveys_closing(store::Connection& connection, const std::string& path, TimePoint from,
                                         TimePoint to) {
  auto params = org::subtree_params(path);
  params.insert(params.end(), {iso_utc(from), iso_utc(to)});
  return store::map_rows(
      connection.query(std::string(kSurveyColumns) + "WHERE " + org::subtree_condition(connection.dialect(), "n.path") +
                           " AND s.state = 'open' AND s.closes_at >= ? AND s.closes_at < ? ORDER BY s.closes_at, s.id",
                       params),
      to_survey);
}

std::vector<Survey> open_surveys_over(store::Connection& connection, const std::vector<std::string>& paths,
                                      TimePoint now) {
  if (paths.empty()) return {};
  std::string any;
  store::Params params{iso_utc(now)};
  for (const auto& path : paths) {
    any += any.empty() ? "? LIKE n.path || '%'" : " OR ? LIKE n.path || '%'";
    params.emplace_back(path);
  }
  return store::map_rows(
      connection.query(std::string(kSurveyColumns) + "WHERE s.state = 'open' AND s.closes_at > ? AND (" + any +
                           ") ORDER BY s.closes_at, s.id",
                       params),
      to_survey);
}

std::optional<Household> find_household(store::Connection& connection, std::int64_t part_id) {
  return store::map_row(connection.query_one(std::string(kHouseholdColumns) + "AND part.id = ?", {part_id}),
                        to_household);
}

std::vector<Household> households_of_person(store::Connection& connection, std::int64_t person_id) {
  return store::map_rows(
      connection.query(std::string(kHouseholdColumns) +
                           "AND part.id IN (SELECT l.part_node_id FROM part_links l WHERE l.person_id = ?) "
                           "ORDER BY compound.name, building.name, unit.name, part.name, part.id",
                       {person_id}),
      to_household);
}

std::vector<Household> households_under(store::Connection& connection, const std::string& path, std::int64_t limit) {
  auto params = org::subtree_params(path);
  params.emplace_back(limit);
  return store::map_rows(
      connection.query(std::string(kHouseholdColumns) + "AND " +
                           org::subtree_condition(connection.dialect(), "part.path") + " ORDER BY part.id LIMIT ?",
                       params),
      to_household);
}

std::vector<Household> households_at_address(store::Connection& connection, const std::string& path,
                                             const std::string& query) {
  return store::map_rows(connection.query(std::string(kHouseholdColumns) + "AND part.id " +
                                              org::parts_at_address_sql(connection.dialect(), query) +
                                              " ORDER BY building.name, unit.name, part.name, part.id LIMIT 20",
                                          org::parts_at_address_params(path, query)),
                         to_household);
}

std::optional<FirstResponse> response_of(store::Connection& connection, std::int64_t survey_id,
                                         std::int64_t household_id) {
  return store::map_row(
      connection.query_one(
          "SELECT id, channel, created_at FROM survey_responses WHERE survey_id = ? AND household_id = ?",
          {survey_id, household_id}),
      [](const store::Row& row) {
        return FirstResponse{row.i64(0), parse_code(kChannels, row.text(1)).value_or(Channel::Online), row.text(2)};
      });
}

bool form_number_used(store::Connection& connection, std::int64_t survey_id, const std::string& number) {
  return connection
      .query_one("SELECT 1 FROM survey_responses WHERE survey_id = ? AND paper_form_number = ?", {survey_id, number})
      .has_value();
}

std::optional<std::int64_t> insert_response(store::Tx& tx, const NewResponse& response,
                                            const std::vector<Answer>& answers) {
  auto row = tx.query_one(
      "INSERT INTO survey_responses (survey_id, household_id, compound_id, building_id, channel, person_id, "
      "paper_form_number, entered_by_user_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
      "ON CONFLICT DO NOTHING RETURNING id",
      {response.survey_id, response.household.id, response.household.compound_id, response.household.building_id,
       code_of(kChannels, response.channel), response.person_id, response.paper_form_number,
       response.entered_by_user_id, iso_utc(tx.now())});
  if (!row) return std::nullopt;
  std::int64_t id = row->i64(0);
  for (std::size_t question = 0; question < answers.size(); ++question) {
    const Answer& answer = answers[question];
    auto add = [&](store::Value value, store::Value text) {
      tx.exec("INSERT INTO survey_answers (response_id, survey_id, question, value, text) VALUES (?, ?, ?, ?, ?)",
              {id, response.survey_id, static_cast<std::int64_t>(question), std::move(value), std::move(text)});
    };
    for (std::int64_t option : answer.options) add(option, nullptr);
    if (answer.scale) add(*answer.scale, nullptr);
    if (answer.text) add(nullptr, *answer.text);
  }
  return id;
}

std::vector<GroupCount> households_in(store::Connection& connection, const std::string& path, Breakdown by) {
  std::string sql = std::string(kHouseholdColumns) + "AND " + org::subtree_condition(connection.dialect(), "part.path");
  auto params = org::subtree_params(path);
  if (by == Breakdown::None) {
    return {GroupCount{0, "", connection.scalar("SELECT COUNT(*) FROM (" + sql + ") h", params)}};
  }
  std::string group = household_group(by);
  std::string grouped = "SELECT " + group + ".id, " + group + ".name, COUNT(*) " + sql.substr(sql.find(" FROM ")) +
                        " GROUP BY " + group + ".id, " + group + ".name ORDER BY " + group + ".name, " + group + ".id";
  return store::map_rows(connection.query(grouped, params), [](const store::Row& row) {
    return GroupCount{row.i64(0), row.text(1), row.i64(2)};
  });
}

std::vector<GroupCount> responses_in(store::Connection& connection, std::int64_t survey_id, Breakdown by) {
  std::string group = response_group(by);
  return store::map_rows(
      connection.query("SELECT " + group + ", COUNT(*) FROM survey_responses r WHERE r.survey_id = ? GROUP BY " + group,
                       {survey_id}),
      [](const store::Row& row) {
        return GroupCount{row.i64(0), "", row.i64(1)};
      });
}

std::vector<GroupedAnswers> answer_counts(store::Connection& connection, std::int64_t survey_id, Breakdown by,
                                          const std::vector<std::int64_t>& multiple_questions) {
  std::string group = response_group(by);
  std::map<std::int64_t, GroupedAnswers> groups;
  std::string from = " FROM survey_answers a JOIN survey_responses r ON r.id = a.response_id WHERE a.survey_id = ? ";
  // A response has one row per question answered, but for multiple choice one per option chosen: those who
  // answered a multiple-choice question are counted apart; for the others, their rows (a text's value is null).
  std::set<std::int64_t> multiple(multiple_questions.begin(), multiple_questions.end());
  for (const auto& row : connection.query(
           "SELECT " + group + ", a.question, a.value, COUNT(*)" + from + "GROUP BY " + group + ", a.question, a.value",
           {survey_id})) {
    auto& entry = groups[row.i64(0)];
    entry.group_id = row.i64(0);
    if (!row.is_null(2)) entry.counts.push_back({row.i64(1), row.i64(2), row.i64(3)});
    if (!multiple.count(row.i64(1))) entry.answered.push_back({row.i64(1), row.i64(3)});
  }
  if (!multiple.empty()) {
    store::Params params{survey_id};
    std::string in;
    for (std::int64_t question : multiple) {
      in += in.empty() ? "?" : ", ?";
      params.emplace_back(question);
    }
    for (const auto& row : connection.query("SELECT " + group + ", a.question, COUNT(DISTINCT a.response_id)" + from +
                                                "AND a.question IN (" + in + ") GROUP BY " + group + ", a.question",
                                            params)) {
      groups[row.i64(0)].answered.push_back({row.i64(1), row.i64(2)});
    }
  }
  std::vector<GroupedAnswers> list;
  for (auto& [id, entry] : groups) list.push_back(std::move(entry));
  return list;
}

SatisfactionFigures month_satisfaction(store::Connection& connection, std::int64_t compound_id, const std::string& from,
                                       const std::string& until) {
  SatisfactionFigures figures;
  auto survey = store::map_row(
      connection.query_one(std::string(kSurveyColumns) +
                               "WHERE s.node_id = ? AND s.kind = 'satisfaction' AND s.state <> 'draft' AND "
                               "s.closes_at >= ? AND s.closes_at < ? ORDER BY s.closes_at DESC, s.id DESC LIMIT 1",
                           {compound_id, from, until}),
      to_survey);
  if (!survey) return figures;
  figures.survey_id = survey->id;
  auto question = satisfaction_question(survey->input.questions);
  if (!question) return figures;
  auto row = connection.query_one(
      "SELECT COUNT(*), COALESCE(SUM(value), 0) FROM survey_answers WHERE survey_id = ? AND question = ? AND value "
      "IS NOT NULL",
      {survey->id, static_cast<std::int64_t>(*question)});
  figures.answers = row->i64(0);
  figures.rating_sum = row->i64(1);
  return figures;
}

std::vector<std::string> answer_texts(store::Connection& connection, std::int64_t survey_id, std::int64_t question,
                                      std::int64_t limit) {
  return store::map_rows(
      connection.query("SELECT text FROM survey_answers WHERE survey_id = ? AND question = ? AND text IS NOT NULL "
                       "ORDER BY id DESC LIMIT ?",
                       {survey_id, question, limit}),
      [](const store::Row& row) { return row.text(0); });
}

}  // namespace weizhi::engagement
