// HTTP routes of surveys: staff draft, open and close surveys of their scope, find a household by
// address and type in its paper form, and read the results counted from the responses; residents see
// the open surveys of their households and answer once per household. Every change is audited; what
// another street or scope holds answers 404 like what does not exist.
#include "core/error.hpp"
#include "core/json_code.hpp"
#include "core/lookup.hpp"
#include "core/tree_path.hpp"
#include "http/body_id.hpp"
#include "http/context.hpp"
#include "http/paging.hpp"
#include "modules/engagement/module.hpp"
#include "modules/engagement/permissions.hpp"
#include "modules/engagement/route_support.hpp"
#include "modules/engagement/surveys_rules.hpp"
#include "modules/engagement/surveys_store.hpp"
#include "modules/org/org.hpp"

namespace weizhi::engagement {

namespace {

constexpr std::int64_t kTextsShown = 500;

Survey require_survey(store::Connection& connection, std::int64_t id) {
  return found_or_404(find_survey(connection, id), "找不到该调查");
}

http::ScopeResolver survey_scope() {
  return record_scope(
      [](store::Connection& connection, std::int64_t id) { return require_survey(connection, id).input.node_id; });
}

Json ratio(std::int64_t num, std::int64_t den) { return {{"num", num}, {"den", den}}; }

// --- JSON ---

Json survey_json(const Survey& survey, TimePoint now) {
  return {{"id", survey.id},
          {"title", survey.input.title},
          {"kind", code_of(kSurveyKinds, survey.input.kind)},
          {"state", code_of(kSurveyStates, state_at(survey.state, survey.input.closes_at, now))},
          {"node", {{"id", survey.input.node_id}, {"name", survey.node_name}}},
          {"opens_at", iso_utc(survey.input.opens_at)},
          {"closes_at", iso_utc(survey.input.closes_at)},
          {"questions", questions_json(survey.input.questions)},
          {"created_at", survey.created_at},
          {"opened_at", or_null(survey.opened_at)},
          {"closed_at", or_null(survey.closed_at)}};
}

// The survey with its households in scope, responses and response rate.
Json survey_with_rate(store::Connection& connection, const Survey& survey, TimePoint now) {
  Json json = survey_json(survey, now);
  std::int64_t households = households_in(connection, survey.node_path, Breakdown::None).front().count;
  auto responses = responses_in(connection, survey.id, Breakdown::None);
  std::int64_t answered = responses.empty() ? 0 : responses.front().count;
  json["households"] = households;
  json["responses"] = answered;
  json["response_rate"] = ratio(answered, households);
  return json;
}

Json first_json(const FirstResponse& first) {
  return {{"id", first.id}, {"channel", code_of(kChannels, first.channel)}, {"created_at", first.created_at}};
}

Json household_json(store::Connection& connection, const Household& household, std::int64_t survey_id) {
  auto first = response_of(connection, survey_id, household.id);
  return {
      {"id", household.id}, {"address", household.address}, {"response", first ? first_json(*first) : Json(nullptr)}};
}

Json question_results_json(const std::vector<Question>& questions, const std::vector<QuestionResult>& results) {
  Json list = Json::array();
  for (std::size_t i = 0; i < questions.size(); ++i) {
    const Question& question = questions[i];
    const QuestionResult& result = results[i];
    Json json = {{"index", i},
                 {"text", question.text},
                 {"type", code_of(kQuestionTypes, question.type)},
                 {"answered", result.answered}};
    if (!result.options.empty()) {
      Json options = Json::array();
      for (std::size_t o = 0; o < result.options.size(); ++o)
        options.push_back({{"option", o},
                           {"text", question.options[o]},
                           {"count", result.options[o].count},
                           {"share", ratio(result.options[o].count, result.options[o].of)}});
      json["options"] = options;
    }
    if (!result.distribution.empty()) {
      Json distribution = Json::array();
      for (std::size_t v = 0; v < result.distribution.size(); ++v)
        distribution.push_back({{"value", static_cast<std::int64_t>(v) + kScaleLow},
                                {"count", result.distribution[v]},
                                {"share", ratio(result.distribution[v], result.answered)}});
      json["distribution"] = distribution;
      json["mean"] = ratio(result.scale_sum, result.answered);
    }
    list.push_back(std::move(json));
  }
  return list;
}

std::int64_t count_of(const std::vector<GroupCount>& counts, std::int64_t group_id) {
  for (const auto& count : counts) {
    if (count.group_id == group_id) return count.count;
  }
  return 0;
}

const GroupedAnswers* answers_of(const std::vector<GroupedAnswers>& groups, std::int64_t group_id) {
  for (const auto& group : groups) {
    if (group.group_id == group_id) return &group;
  }
  return nullptr;
}

Json results_of(const std::vector<Question>& questions, const GroupedAnswers* answers) {
  return question_results_json(
      questions, answers ? tally(questions, answers->answered, answers->counts) : tally(questions, {}, {}));
}

// --- Who may see and act ---

// The caller's households within the survey's scope.
std::vector<Household> my_households(store::Connection& connection, std::optional<std::int64_t> person,
                                     const Survey& survey) {
  std::vector<Household> mine;
  if (!person) return mine;
  for (auto& household : households_of_person(connection, *person)) {
    if (path_within(household.path, survey.node_path)) mine.push_back(std::move(household));
  }
  return mine;
}

// --- Bodies ---

// Reads the survey's fields present in the body over `input`.
void read_survey(JsonObject& body, SurveyInput& input) {
  if (auto title = body.optional_text("title")) input.title = *title;
  if (auto kind = optional_code_field(body, "kind", parser_of(kSurveyKinds), "调查类型应为 general 或 satisfaction"))
    input.kind = *kind;
  if (body.has("opens_at")) input.opens_at = moment_field(body, "opens_at");
  if (body.has("closes_at")) input.closes_at = moment_field(body, "closes_at");
  if (const Json* questions = body.optional_any("questions")) input.questions = read_questions(*questions, "questions");
}

// 422 naming node_id unless the node may hold the survey: a street, community, compound or building;
// a satisfaction survey is of one compound (its property service).
void check_survey_node(const org::Node& node, SurveyKind kind) {
  using org::NodeKind;
  if (node.kind == NodeKind::Unit || node.kind == NodeKind::Part)
    fail_unprocessable("调查应面向街道、社区、小区或楼幢", "node_id");
  if (kind == SurveyKind::Satisfaction && node.kind != NodeKind::Compound)
    fail_unprocessable("物业满意度调查应面向一个小区", "node_id");
}

// --- Surveys ---

Response create_survey_route(Context& context) {
  JsonObject body(context.json_body());
  SurveyInput input;
  input.node_id = http::body_id(context, body, "node_id");
  input.title = body.text("title");
  input.opens_at = moment_field(body, "opens_at");
  input.closes_at = moment_field(body, "closes_at");
  if (!body.has("questions")) fail_invalid("questions", "缺少字段 questions");
  read_survey(body, input);
  body.finish();
  check_survey(input);
  TimePoint now = context.services.clock.now();
  Json created = context.write([&](store::Tx& tx) {
    auto node = org::find_node(tx, input.node_id);
    if (!node) throw ApiError(404, "not_found", "找不到该组织节点", "node_id");
    check_survey_node(*node, input.kind);
    std::int64_t id = insert_survey(tx, input, context.user().user_id);
    context.audit(tx, "engagement.survey.create", "survey:" + std::to_string(id),
                  {{"node_id", input.node_id},
                   {"title", input.title},
                   {"kind", code_of(kSurveyKinds, input.kind)},
                   {"questions", input.questions.size()}});
    return survey_json(require_survey(tx.connection(), id), now);
  });
  return Response::json(201, created);
}

Response update_survey_route(Context& context) {
  std::int64_t id = context.path_id("id");
  JsonObject body(context.json_body());
  if (body.has("node_id")) fail_invalid("node_id", "不能更改调查的范围");
  Json fields = Json::array();
  for (const auto& [key, value] : context.json_body().items()) fields.push_back(key);
  TimePoint now = context.services.clock.now();
  Json updated = context.write([&](store::Tx& tx) {
    Survey survey = require_survey(tx.connection(), id);
    if (survey.state != SurveyState::Draft) fail_conflict("调查已发布，题目与时间不能再改", "state");
    SurveyInput input = survey.input;
    read_survey(body, input);
    body.finish();
    check_survey(input);
    check_survey_node(*org::find_node(tx, input.node_id), input.kind);
    update_survey(tx, id, input);
    context.audit(tx, "engagement.survey.update", "survey:" + std::to_string(id), {{"fields", fields}});
    return survey_json(require_survey(tx.connection(), id), now);
  });
  return Response::json(200, updated);
}

// Opens a draft (its questions frozen from then on) or closes an open survey.
Response move_survey(Context& context, SurveyState to) {
  std::int64_t id = context.path_id("id");
  JsonObject body(context.json_body());
  body.finish();
  Json moved = context.write([&](store::Tx& tx) {
    Survey survey = require_survey(tx.connection(), id);
    SurveyState from = state_at(survey.state, survey.input.closes_at, tx.now());
    if (to == SurveyState::Open && from != SurveyState::Draft) fail_conflict("只有草稿可以发布", "state");
    if (to == SurveyState::Open && survey.input.closes_at <= tx.now())
      fail_conflict("截止时间已过，请先修改截止时间", "closes_at");
    if (to == SurveyState::Closed && survey.state != SurveyState::Open)
      fail_conflict("只有进行中的调查可以结束", "state");
    set_survey_state(tx, id, to);
    context.audit(tx, to == SurveyState::Open ? "engagement.survey.open" : "engagement.survey.close",
                  "survey:" + std::to_string(id), {{"title", survey.input.title}});
    return survey_with_rate(tx.connection(), require_survey(tx.connection(), id), tx.now());
  });
  return Response::json(200, moved);
}

Response open_survey_route(Context& context) { return move_survey(context, SurveyState::Open); }
Response close_survey_route(Context& context) { return move_survey(context, SurveyState::Closed); }

Response list_surveys_route(Context& context) {
  std::int64_t limit = http::page_limit(context, 100, 500);
  TimePoint now = context.services.clock.now();
  auto [lease, node] = org::read_queried_subtree(context);
  Json items = Json::array();
  for (const auto& survey : surveys_under(*lease, node.path, limit))
    items.push_back(survey_with_rate(*lease, survey, now));
  return Response::json(200, {{"items", items}});
}

// Staff who may read surveys there see it with its rate; a resident with a household in its scope sees
// it with their households and whether each answered; anyone else gets 404.
Response get_survey_route(Context& context) {
  std::int64_t id = context.path_id("id");
  auto person = caller_person(context);
  TimePoint now = context.services.clock.now();
  auto lease = context.read();
  Survey survey = require_survey(*lease, id);
  auto mine = my_households(*lease, person, survey);
  bool staff = context.can(kRead, survey.input.node_id);
  if (!staff && (mine.empty() || survey.state == SurveyState::Draft)) fail_not_found("找不到该调查");
  Json json = staff ? survey_with_rate(*lease, survey, now) : survey_json(survey, now);
  Json households = Json::array();
  for (const auto& household : mine) households.push_back(household_json(*lease, household, id));
  json["my_households"] = households;
  return Response::json(200, json);
}

Response my_surveys_route(Context& context) {
  auto person = caller_person(context);
  TimePoint now = context.services.clock.now();
  Json items = Json::array();
  if (person) {
    auto lease = context.read();
    auto households = households_of_person(*lease, *person);
    std::vector<std::string> paths;
    for (const auto& household : households) paths.push_back(household.path);
    for (const auto& survey : open_surveys_over(*lease, paths, now)) {
      if (now < survey.input.opens_at) continue;
      Json json = survey_json(survey, now);
      json.erase("questions");
      Json mine = Json::array();
      for (const auto& household : households) {
        if (path_within(household.path, survey.node_path)) mine.push_back(household_json(*lease, household, survey.id));
      }
      json["my_households"] = mine;
      items.push_back(json);
    }
  }
  return Response::json(200, {{"person_id", or_null(person)}, {"items", items}});
}

// --- Responses ---

Response respond_route(Context& context) {
  std::int64_t id = context.path_id("id");
  JsonObject body(context.json_body());
  const Json* answers_body = body.optional_any("answers");
  if (!answers_body) fail_invalid("answers", "缺少字段 answers");
  auto household_id = http::optional_body_id(context, body, "household_id");
  auto form_number = body.optional_text("paper_form_number");
  body.finish();
  if (form_number) check_form_number(*form_number);
  auto person = caller_person(context);

  NewResponse response;
  response.survey_id = id;
  response.entered_by_user_id = context.user().user_id;
  Survey survey = [&] {
    auto lease = context.read();
    return require_survey(*lease, id);
  }();
  if (form_number) {
    // Paper: staff of the survey's scope type in the form of a household found by address.
    require_manage(context, survey.input.node_id, "找不到该调查");
    if (!household_id) fail_invalid("household_id", "录入纸质问卷需指明户（household_id）");
    auto lease = context.read();
    auto household = find_household(*lease, *household_id);
    if (!household || org::street_of(household->path) != org::street_of(survey.node_path))
      throw ApiError(404, "not_found", "找不到该户", "household_id");
    if (!path_within(household->path, survey.node_path)) fail_forbidden("该户不在本调查的范围内");
    response.household = *household;
    response.channel = Channel::Paper;
    response.paper_form_number = form_number;
  } else {
    // Online: a resident registered in the household answers for it.
    auto lease = context.read();
    auto mine = my_households(*lease, person, survey);
    if (mine.empty()) {
      if (context.can(kRead, survey.input.node_id)) fail_forbidden("您不是本调查范围内的登记住户，线上不能作答");
      fail_not_found("找不到该调查");
    }
    if (!household_id && mine.size() > 1) fail_invalid("household_id", "您登记在多户，请选择以哪一户作答");
    auto chosen = std::find_if(mine.begin(), mine.end(), [&](const Household& household) {
      return household.id == household_id.value_or(mine.front().id);
    });
    if (chosen == mine.end()) fail_forbidden("您不是该户的登记居民");
    response.household = *chosen;
    response.channel = Channel::Online;
    response.person_id = person;
  }
  auto answers = read_answers(*answers_body, "answers", survey.input.questions);

  Json created = context.write([&](store::Tx& tx) {
    Survey fresh = require_survey(tx.connection(), id);
    check_taking_responses(fresh.state, fresh.input.opens_at, fresh.input.closes_at, tx.now());
    if (auto first = response_of(tx.connection(), id, response.household.id)) refuse_second_response(*first);
    if (form_number && form_number_used(tx.connection(), id, *form_number))
      fail_conflict("该编号的纸质问卷已录入", "paper_form_number");
    auto response_id = insert_response(tx, response, answers);
    // Another response of the household committed meanwhile: the unique index kept the first.
    if (!response_id) {
      if (auto first = response_of(tx.connection(), id, response.household.id)) refuse_second_response(*first);
      fail_conflict("该编号的纸质问卷已录入", "paper_form_number");
    }
    context.audit(tx, "engagement.survey.respond", "survey:" + std::to_string(id),
                  {{"response_id", *response_id},
                   {"household_id", response.household.id},
                   {"channel", code_of(kChannels, response.channel)},
                   {"paper_form_number", or_null(response.paper_form_number)}});
    return Json{{"id", *response_id},
                {"survey_id", id},
                {"household", {{"id", response.household.id}, {"address", response.household.address}}},
                {"channel", code_of(kChannels, response.channel)},
                {"paper_form_number", or_null(response.paper_form_number)},
                {"created_at", iso_utc(tx.now())}};
  });
  return Response::json(201, created);
}

Response survey_households_route(Context& context) {
  auto address = context.query("address");
  if (!address) fail_invalid("address", "请输入地址（楼幢、单元或房号）");
  org::check_address_query(*address, "address");
  auto lease = context.read();
  Survey survey = require_survey(*lease, context.path_id("id"));
  Json items = Json::array();
  for (const auto& household : households_at_address(*lease, survey.node_path, *address))
    items.push_back(household_json(*lease, household, survey.id));
  return Response::json(200, {{"items", items}});
}

// The results, counted in SQL: households in scope, responses and the rate; per question the counts
// and shares of those who answered it, the scale's distribution and mean, the texts; by compound or
// building on request.
Response results_route(Context& context) {
  Breakdown by = Breakdown::None;
  if (auto text = context.query("by")) {
    if (*text == "compound")
      by = Breakdown::Compound;
    else if (*text == "building")
      by = Breakdown::Building;
    else
      fail_invalid("by", "参数 by 应为 compound 或 building");
  }
  auto lease = context.read();
  Survey survey = require_survey(*lease, context.path_id("id"));
  const auto& questions = survey.input.questions;
  // Counted once, by the breakdown asked for: the whole is the sum of its groups.
  auto household_groups = households_in(*lease, survey.node_path, by);
  auto response_groups = responses_in(*lease, survey.id, by);
  std::vector<std::int64_t> multiple;
  for (std::size_t i = 0; i < questions.size(); ++i) {
    if (questions[i].type == QuestionType::Multiple) multiple.push_back(static_cast<std::int64_t>(i));
  }
  auto answer_groups = answer_counts(*lease, survey.id, by, multiple);
  std::int64_t households = 0, answered = 0;
  for (const auto& group : household_groups) households += group.count;
  for (const auto& group : response_groups) answered += group.count;
  GroupedAnswers whole;
  for (const auto& group : answer_groups) {
    whole.answered.insert(whole.answered.end(), group.answered.begin(), group.answered.end());
    whole.counts.insert(whole.counts.end(), group.counts.begin(), group.counts.end());
  }
  Json results = results_of(questions, &whole);
  for (std::size_t i = 0; i < questions.size(); ++i) {
    if (questions[i].type == QuestionType::Text)
      results[i]["texts"] = answer_texts(*lease, survey.id, static_cast<std::int64_t>(i), kTextsShown);
  }
  Json json = {
      {"survey", survey_json(survey, context.services.clock.now())},
      {"households", households},
      {"responses", answered},
      {"response_rate", ratio(answered, households)},
      {"questions", results},
      {"by", by == Breakdown::None ? Json(nullptr) : Json(by == Breakdown::Compound ? "compound" : "building")},
      {"groups", Json::array()}};
  if (by != Breakdown::None) {
    for (const auto& group : household_groups) {
      std::int64_t group_responses = count_of(response_groups, group.group_id);
      json["groups"].push_back({{"node", {{"id", group.group_id}, {"name", group.name}}},
                                {"households", group.count},
                                {"responses", group_responses},
                                {"response_rate", ratio(group_responses, group.count)},
                                {"questions", results_of(questions, answers_of(answer_groups, group.group_id))}});
    }
  }
  return Response::json(200, json);
}

}  // namespace

void add_survey_routes(http::Router& router) {
  const std::string surveys = "/api/v1/surveys";
  auto on_survey = [](const char* permission) { return Access::permission(permission, survey_scope()); };
  add_collection_routes(router, surveys, list_surveys_route, create_survey_route);
  router.add(Method::Get, surveys + "/{id}", Access::signed_in(), get_survey_route);
  router.add(Method::Patch, surveys + "/{id}", on_survey(kManage), update_survey_route);
  router.add(Method::Post, surveys + "/{id}/open", on_survey(kManage), open_survey_route);
  router.add(Method::Post, surveys + "/{id}/close", on_survey(kManage), close_survey_route);
  router.add(Method::Post, surveys + "/{id}/responses", Access::signed_in(), respond_route);
  router.add(Method::Get, surveys + "/{id}/households", on_survey(kManage), survey_households_route);
  router.add(Method::Get, surveys + "/{id}/results", on_survey(kRead), results_route);
  router.add(Method::Get, "/api/v1/me/surveys", Access::signed_in(), my_surveys_route);
}

}  // namespace weizhi::engagement
