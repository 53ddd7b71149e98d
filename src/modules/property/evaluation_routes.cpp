// HTTP routes of the monthly three-in-one evaluation (docs/modules/property.md#the-monthly-evaluation): templates
// and policy, the month's board, each party's sheet, vetoes, the close that scores the month with evaluation.hpp,
// pays the contract in the ledger and publishes it to the owners, reopening, and reviews after two low months.
#include <algorithm>
#include <map>

#include "core/entries.hpp"
#include "core/error.hpp"
#include "core/json_code.hpp"
#include "core/lookup.hpp"
#include "core/text.hpp"
#include "core/time.hpp"
#include "http/context.hpp"
#include "http/record_scope.hpp"
#include "modules/covenant/covenant.hpp"
#include "modules/media/media.hpp"
#include "modules/org/org.hpp"
#include "modules/property/evaluation_month.hpp"
#include "modules/property/evaluation_notices.hpp"
#include "modules/property/evaluation_store.hpp"
#include "modules/property/ledger_rules.hpp"
#include "modules/property/module.hpp"
#include "modules/property/route_support.hpp"
#include "modules/property/store.hpp"

namespace weizhi::property {

namespace {

constexpr const char* kRead = "property.evaluation.read";
constexpr const char* kStreet = "property.evaluate.street";
constexpr std::size_t kMaxNoteBytes = 2000;

Evaluator party_field(const std::string& text, const std::string& field) {
  auto party = parse_code(kEvaluators, text);
  if (!party) fail_invalid(field, "评价方应为 street、community 或 committee");
  return *party;
}

std::string this_month(Context& context) { return today(context).substr(0, 7); }

// --- Loading with scope ---

Review require_review(store::Connection& connection, std::int64_t id) {
  return found_or_404(find_review(connection, id), "找不到该合同复核");
}

// A company's staff see their own company's contracts only.
void require_own_contract(Context& context, store::Connection& connection, const Contract& contract) {
  auto company = company_of_user(connection, context.user().user_id);
  if (company && *company != contract.terms.company_id) fail_forbidden("只能查看本公司合同的考核");
}

// The month of the path: 400 naming `month` unless YYYY-MM; 422 unless the contract was in force in it and it has
// begun.
std::string evaluated_month(Context& context, const Contract& contract) {
  std::string month = context.request.path_params.at("month");
  check_month(month, "month");
  if (month > this_month(context)) fail_unprocessable("该月尚未开始，不能考核", "month");
  if (!in_force_during(contract, month)) fail_unprocessable("该合同在这个月不在履行期内", "month");
  return month;
}

ContractMonth contract_month(Context& context, store::Connection& connection) {
  Contract contract = require_contract(connection, context.path_id("id"));
  std::string month = evaluated_month(context, contract);
  return month_of_contract(connection, std::move(contract), month);
}

// --- JSON ---

Json scoring_json(const EvaluationPolicy& scoring) {
  const auto& weights = scoring.weights;
  return {{"weights", {{"street", weights[0]}, {"community", weights[1]}, {"committee", weights[2]}}},
          {"floor", scoring.floor},
          {"full", scoring.full}};
}

Json policy_json(const StreetEvaluationPolicy& policy) {
  Json json = scoring_json(policy.scoring);
  json["due_day"] = policy.due_day;
  return json;
}

// A contract's month's policy, saying whether its scoring is the contract's own or its street's.
Json contract_policy_json(const StreetEvaluationPolicy& policy) {
  Json json = policy_json(policy);
  json["source"] = policy.scoring_of_contract ? "contract" : "street";
  return json;
}

Json template_json(const EvaluationTemplate& form) {
  return {{"id", form.id},
          {"party", code_of(kEvaluators, form.party)},
          {"version", form.version},
          {"items", template_items_json(form.items)},
          {"created_at", form.created_at}};
}

std::vector<Evaluator> missing_parties(const std::vector<Evaluator>& filled, const StreetEvaluationPolicy& policy) {
  std::vector<Evaluator> missing;
  for (const auto& [party, code] : kEvaluators) {
    if (policy.scoring.weight_of(party) > 0 && std::find(filled.begin(), filled.end(), party) == filled.end()) {
      missing.push_back(party);
    }
  }
  return missing;
}

Json parties_json(const std::vector<Evaluator>& parties) {
  Json json = Json::array();
  for (Evaluator party : parties) json.push_back(code_of(kEvaluators, party));
  return json;
}

// The board's summary of a closed month's result.
Json summary_json(const std::optional<std::string>& result) {
  if (!result) return nullptr;
  Json full = Json::parse(*result);
  return {{"score", full["score"]},
          {"outcome", full["outcome"]},
          {"performance_fen", full["performance_fen"]},
          {"total_fen", full["total_fen"]}};
}

Json due_json(Context& context, const std::string& month, const StreetEvaluationPolicy& policy) {
  std::string due_on = due_date(month, policy.due_day);
  return {{"due_on", due_on}, {"days_left", *covenant::days_between(today(context), due_on)}};
}

Json month_json(Context& context, store::Connection& connection, const ContractMonth& at) {
  auto sheets = sheets_of(connection, at.contract.id, at.month);
  auto evaluation = evaluation_of(connection, at.contract.id, at.month);
  RecordFigures figures = record_figures(connection, at.compound.id, at.month);
  std::map<Evaluator, EvaluationTemplate> forms;
  std::map<std::int64_t, EvaluationTemplate> used;
  for (auto& form : current_templates(connection, org::street_of(at.compound.path))) forms.emplace(form.party, form);
  Json sheets_json = Json::array();
  std::vector<Evaluator> filled;
  for (const auto& sheet : sheets) {
    filled.push_back(sheet.party);
    if (!used.count(sheet.template_id)) used.emplace(sheet.template_id, *find_template(connection, sheet.template_id));
    const auto& form = used.at(sheet.template_id);
    Json items = Json::array();
    for (std::size_t i = 0; i < sheet.items.size(); ++i) {
      const auto& item = form.items[i];
      items.push_back({{"code", item.code},
                       {"name", item.name},
                       {"max", hundredths_text(item.max)},
                       {"points", hundredths_text(sheet.items[i].points)},
                       {"source", item.source ? Json(code_of(kItemSources, *item.source)) : Json(nullptr)}});
    }
    sheets_json.push_back({{"party", code_of(kEvaluators, sheet.party)},
                           {"template_version", form.version},
                           {"items", items},
                           {"filled_at", sheet.filled_at},
                           {"updated_at", sheet.updated_at}});
  }
  // What each party's form offers now: the system items already at the points the records give them.
  Json form_json = Json::object();
  for (const auto& [party, form] : forms) {
    Json items = template_items_json(form.items);
    for (std::size_t i = 0; i < form.items.size(); ++i) {
      const auto& source = form.items[i].source;
      items[i]["points"] =
          source ? Json(hundredths_text(system_points(*source, figures, form.items[i].max))) : Json(nullptr);
    }
    form_json[code_of(kEvaluators, party)] = {{"version", form.version}, {"items", items}};
  }
  Json vetoes = Json::array();
  for (const auto& veto : vetoes_of(connection, at.contract.id, at.month)) {
    vetoes.push_back({{"id", veto.id},
                      {"code", veto.veto.code},
                      {"note", veto.veto.note},
                      {"photos", veto.photos},
                      {"recorded_at", veto.recorded_at}});
  }
  bool closed = evaluation && evaluation->closed;
  // A closed month shows the money it closed on (its export); an open one the contract's terms as they stand.
  Json money = {{"base_fen", at.contract.terms.base_fen}, {"pool_fen", at.contract.terms.pool_fen}};
  if (closed) {
    Json input = Json::parse(*evaluation->input);
    money = {{"base_fen", input["base_fen"]}, {"pool_fen", input["pool_fen"]}};
  }
  return {{"contract", {{"id", at.contract.id}, {"company_id", at.contract.terms.company_id}}},
          {"compound", {{"id", at.compound.id}, {"name", at.compound.name}}},
          {"month", at.month},
          {"state", closed ? "closed" : "open"},
          {"evaluation_id", evaluation ? Json(evaluation->id) : Json(nullptr)},
          {"due", due_json(context, at.month, at.policy)},
          {"policy", contract_policy_json(at.policy)},
          {"money", money},
          {"records",
           {{"cases_due", figures.cases},
            {"cases_on_time", figures.cases_on_time},
            {"ratings", figures.ratings},
            {"rating_stars", figures.rating_stars},
            {"violations_overdue", figures.violations_overdue},
            {"satisfaction_survey_id", or_null(figures.satisfaction_survey_id)},
            {"satisfaction_answers", figures.satisfaction_answers},
            {"satisfaction_sum", figures.satisfaction_sum}}},
          {"forms", form_json},
          {"sheets", sheets_json},
          {"missing", parties_json(missing_parties(filled, at.policy))},
          {"vetoes", vetoes},
          {"result", closed ? Json::parse(*evaluation->result) : Json(nullptr)}};
}

// --- Templates and policy ---

Response list_templates_route(Context& context) {
  std::int64_t node_id = *org::node_query_scope()(context);
  auto lease = context.read();
  std::int64_t street_id = org::street_of_node(*lease, node_id);
  Json items = Json::array();
  for (const auto& form : current_templates(*lease, street_id)) items.push_back(template_json(form));
  return Response::json(200, {{"items", items}});
}

Response create_template_route(Context& context) {
  JsonObject body(context.json_body());
  std::int64_t street_id = body.integer("street_id");
  Evaluator party = party_field(body.text("party"), "party");
  auto items = read_template_items(body.any("items"));
  body.finish();
  return context.write([&](store::Tx& tx) {
    org::require_street(tx.connection(), street_id);
    std::int64_t id = insert_template(tx, street_id, party, items, context.user().user_id);
    auto form = *find_template(tx.connection(), id);
    context.audit(tx, "property.evaluation.template.create", "node:" + std::to_string(street_id),
                  {{"party", code_of(kEvaluators, party)}, {"version", form.version}, {"items", form.items.size()}});
    return Response::json(201, template_json(form));
  });
}

Response get_policy_route(Context& context) { return org::street_policy(context, evaluation_policy_of, policy_json); }

// The weights, floor and full of a policy's body.
EvaluationPolicy read_scoring(JsonObject& body) {
  const Json& weights = body.any("weights");
  EvaluationPolicy scoring;
  if (!weights.is_object()) fail_invalid("weights", "字段 weights 应为 {street, community, committee}");
  JsonObject parties(weights, "weights");
  for (const auto& [party, code] : kEvaluators) {
    scoring.weights[static_cast<std::size_t>(party)] = parties.integer(std::string(code));
  }
  parties.finish();
  scoring.floor = body.integer("floor");
  scoring.full = body.integer("full");
  return scoring;
}

Response put_policy_route(Context& context) {
  std::int64_t street_id = context.path_id("street_id");
  JsonObject body(context.json_body());
  StreetEvaluationPolicy policy;
  policy.scoring = read_scoring(body);
  policy.due_day = body.integer("due_day");
  body.finish();
  check_street_policy(policy);
  return org::save_street_policy(context, street_id, "property.evaluation.policy.update", policy_json(policy),
                                 [&](store::Tx& tx) { save_evaluation_policy(tx, street_id, policy); });
}

// --- A contract's own scoring (docs/rules.md#g-contract-policy) ---

StreetEvaluationPolicy policy_of(store::Connection& connection, const Contract& contract) {
  return evaluation_policy_of_contract(connection, org::street_of_node(connection, contract.terms.compound_node_id),
                                       contract.id);
}

Json contract_scoring_json(store::Connection& connection, const Contract& contract) {
  Json json = contract_policy_json(policy_of(connection, contract));
  json["contract_id"] = contract.id;
  return json;
}

Response get_contract_policy_route(Context& context) {
  auto lease = context.read();
  Contract contract = require_contract(*lease, context.path_id("id"));
  require_own_contract(context, *lease, contract);
  return Response::json(200, contract_scoring_json(*lease, contract));
}

Response put_contract_policy_route(Context& context) {
  JsonObject body(context.json_body());
  EvaluationPolicy scoring = read_scoring(body);
  body.finish();
  check_scoring(scoring);
  return context.write([&](store::Tx& tx) {
    Contract contract = require_contract(tx.connection(), context.path_id("id"));
    save_contract_scoring(tx, contract.id, scoring, context.user().user_id);
    context.audit(tx, "property.evaluation.contract_policy.update", "property_contract:" + std::to_string(contract.id),
                  scoring_json(scoring));
    return Response::json(200, contract_scoring_json(tx.connection(), contract));
  });
}

// Back to the street's policy; nothing to undo is no error, and is not audited.
Response delete_contract_policy_route(Context& context) {
  return context.write([&](store::Tx& tx) {
    Contract contract = require_contract(tx.connection(), context.path_id("id"));
    if (remove_contract_scoring(tx, contract.id)) {
      context.audit(tx, "property.evaluation.contract_policy.remove",
                    "property_contract:" + std::to_string(contract.id), Json::object());
    }
    return Response::json(200, contract_scoring_json(tx.connection(), contract));
  });
}

// --- The board and a contract's month ---

Response board_route(Context& context) {
  auto text = context.query("month");
  if (!text) fail_invalid("month", "缺少查询参数 month");
  std::string month = *text;
  check_month(month, "month");
  auto [lease, node] = org::read_queried_subtree(context);
  auto company = company_of_user(*lease, context.user().user_id);
  auto street_policy = evaluation_policy_of(*lease, org::street_of(node.path));
  auto own_scorings = contract_scorings(*lease);
  auto progress = month_progress(*lease, month);
  std::map<std::int64_t, Json> companies;
  Json items = Json::array();
  for (const auto& contract : contracts_under(*lease, node.path, company, std::nullopt)) {
    if (!in_force_during(contract, month)) continue;
    auto& company_json = companies[contract.terms.company_id];
    if (company_json.is_null()) {
      auto found = find_company(*lease, contract.terms.company_id);
      company_json = {{"id", contract.terms.company_id}, {"name", found ? found->input.name : ""}};
    }
    auto compound = org::find_node(*lease, contract.terms.compound_node_id);
    const MonthProgress& of_contract = progress[contract.id];
    bool closed = of_contract.evaluation && of_contract.evaluation->closed;
    items.push_back(
        {{"contract_id", contract.id},
         {"compound", {{"id", contract.terms.compound_node_id}, {"name", compound ? compound->name : ""}}},
         {"company", company_json},
         {"sheets", parties_json(of_contract.sheets)},
         {"missing", parties_json(missing_parties(of_contract.sheets,
                                                  policy_for_contract(street_policy, own_scorings, contract.id)))},
         {"due", due_json(context, month, street_policy)},
         {"vetoes", of_contract.vetoes},
         {"state", closed ? "closed" : "open"},
         {"evaluation_id", of_contract.evaluation ? Json(of_contract.evaluation->id) : Json(nullptr)},
         {"result", closed ? summary_json(of_contract.evaluation->result) : Json(nullptr)}});
  }
  return Response::json(200, {{"month", month}, {"items", items}});
}

Response get_month_route(Context& context) {
  auto lease = context.read();
  ContractMonth at = contract_month(context, *lease);
  require_own_contract(context, *lease, at.contract);
  return Response::json(200, month_json(context, *lease, at));
}

// A party's sheet is written by its own evaluators in scope of the compound (docs/rules.md#g-sheets).
void require_evaluator(Context& context, Evaluator party, std::int64_t compound_id) {
  if (!context.can("property.evaluate." + code_of(kEvaluators, party), compound_id)) {
    fail_forbidden("只有" +
                   std::string(party == Evaluator::Street      ? "街道"
                               : party == Evaluator::Community ? "社区"
                                                               : "本小区自管会") +
                   "的考核人员可以填写该方考核表");
  }
}

void require_open(store::Connection& connection, const ContractMonth& at) {
  if (month_closed(connection, at.contract.id, at.month)) fail_conflict("该月考核已结账，不能再修改", "month");
}

// The month a party's sheet is written for: by the party's evaluators only, and only while the month is open.
ContractMonth month_to_fill(Context& context, store::Connection& connection, Evaluator party) {
  ContractMonth at = contract_month(context, connection);
  require_evaluator(context, party, at.compound.id);
  require_open(connection, at);
  return at;
}

// The submitted items on the sheet's template, its system items checked against the month's records.
std::vector<SheetItem> submitted_items(store::Connection& connection, const ContractMonth& at,
                                       const EvaluationTemplate& form, const Json& given) {
  return read_sheet_items(form.items, given, record_figures(connection, at.compound.id, at.month));
}

Response create_sheet_route(Context& context) {
  JsonObject body(context.json_body());
  Evaluator party = party_field(body.text("party"), "party");
  const Json& given = body.any("items");
  body.finish();
  return context.write([&](store::Tx& tx) {
    ContractMonth at = month_to_fill(context, tx.connection(), party);
    auto form = current_template(tx.connection(), org::street_of(at.compound.path), party);
    if (!form) fail_unprocessable("街道尚未设置该方的考核表", "party");
    auto items = submitted_items(tx.connection(), at, *form, given);
    auto id = insert_sheet(tx, at.contract.id, at.month, party, form->id, items, context.user().user_id);
    if (!id) fail_conflict("该方本月的考核表已提交，请修改已有的考核表", "party");
    context.audit(tx, "property.evaluation.sheet.create", "property_contract:" + std::to_string(at.contract.id),
                  {{"month", at.month}, {"party", code_of(kEvaluators, party)}, {"sheet_id", *id}});
    return Response::json(201, month_json(context, tx.connection(), at));
  });
}

Response update_sheet_route(Context& context) {
  Evaluator party = party_field(context.request.path_params.at("party"), "party");
  JsonObject body(context.json_body());
  const Json& given = body.any("items");
  body.finish();
  return context.write([&](store::Tx& tx) {
    ContractMonth at = month_to_fill(context, tx.connection(), party);
    auto sheets = sheets_of(tx.connection(), at.contract.id, at.month);
    auto sheet = std::find_if(sheets.begin(), sheets.end(), [&](const StoredSheet& s) { return s.party == party; });
    if (sheet == sheets.end()) fail_not_found("该方本月尚未提交考核表");
    auto items = submitted_items(tx.connection(), at, *find_template(tx.connection(), sheet->template_id), given);
    update_sheet(tx, sheet->id, items, context.user().user_id);
    context.audit(tx, "property.evaluation.sheet.update", "property_contract:" + std::to_string(at.contract.id),
                  {{"month", at.month}, {"party", code_of(kEvaluators, party)}, {"sheet_id", sheet->id}});
    return Response::json(200, month_json(context, tx.connection(), at));
  });
}

Response create_veto_route(Context& context) {
  JsonObject body(context.json_body());
  Veto veto{body.text("code"), body.text("note")};
  auto photos = media::photo_ids_field(body, "photos");
  body.finish();
  check_text(veto.code, 40, "code", "否决事项代码不能为空，且不超过 40 个字符");
  check_text(veto.note, kMaxNoteBytes, "note", "否决理由不能为空，且不超过 600 个字");
  return context.write([&](store::Tx& tx) {
    ContractMonth at = contract_month(context, tx.connection());
    require_open(tx.connection(), at);
    if (vetoes_of(tx.connection(), at.contract.id, at.month).size() >= kMaxVetoes) {
      fail_unprocessable("一个月最多记录 20 项一票否决", "code");
    }
    media::require_stored_photos(tx.connection(), photos, "photos");
    std::int64_t id = insert_veto(tx, at.contract.id, at.month, veto, photos, context.user().user_id);
    context.audit(tx, "property.evaluation.veto.create", "property_contract:" + std::to_string(at.contract.id),
                  {{"month", at.month}, {"veto_id", id}, {"code", veto.code}, {"note", veto.note}});
    return Response::json(201, month_json(context, tx.connection(), at));
  });
}

Response close_route(Context& context) {
  return context.write([&](store::Tx& tx) {
    ContractMonth at = contract_month(context, tx.connection());
    auto closed = close_month(tx, at, context.user().user_id);
    if (!closed) fail_conflict("该月考核已结账", "month");
    notify_published(tx, at, closed->id, closed->result);
    context.audit(tx, "property.evaluation.close", "property_contract:" + std::to_string(at.contract.id),
                  {{"month", at.month},
                   {"evaluation_id", closed->id},
                   {"outcome", code_of(kEvaluationOutcomes, closed->result.outcome)},
                   {"total_fen", closed->result.total_fen}});
    return Response::json(200, month_json(context, tx.connection(), at));
  });
}

Response reopen_route(Context& context) {
  JsonObject body(context.json_body());
  std::string reason = body.text("reason");
  body.finish();
  check_text(reason, kMaxNoteBytes, "reason", "重开理由不能为空，且不超过 600 个字");
  return context.write([&](store::Tx& tx) {
    ContractMonth at = contract_month(context, tx.connection());
    auto evaluation = evaluation_of(tx.connection(), at.contract.id, at.month);
    if (!evaluation || !evaluation->closed) fail_conflict("该月考核尚未结账", "month");
    reopen_evaluation(tx, *evaluation, reason, context.user().user_id);
    void_close_pay(tx, at.contract.id, at.month, "月度考核重新打开：" + reason, context.user().user_id);
    notify_withdrawn(tx, at, evaluation->id, reason);
    context.audit(tx, "property.evaluation.reopen", "property_contract:" + std::to_string(at.contract.id),
                  {{"month", at.month}, {"evaluation_id", evaluation->id}, {"reason", reason}});
    return Response::json(200, month_json(context, tx.connection(), at));
  });
}

// --- Reviews ---

Json review_json(store::Connection& connection, const Review& review) {
  auto compound = org::find_node(connection, review.compound_node_id);
  return {{"id", review.id},
          {"contract_id", review.contract_id},
          {"compound", {{"id", review.compound_node_id}, {"name", compound ? compound->name : ""}}},
          {"months", {review.first_month, review.second_month}},
          {"state", review.open ? "open" : "closed"},
          {"opened_at", review.opened_at},
          {"note", or_null(review.note)},
          {"closed_at", or_null(review.closed_at)}};
}

Response list_reviews_route(Context& context) { return org::subtree_items(context, reviews_under, review_json); }

Response close_review_route(Context& context) {
  JsonObject body(context.json_body());
  std::string note = body.text("note");
  body.finish();
  check_text(note, kMaxNoteBytes, "note", "复核结论不能为空，且不超过 600 个字");
  return context.write([&](store::Tx& tx) {
    Review review = require_review(tx.connection(), context.path_id("id"));
    if (!review.open) fail_conflict("该复核已结束", "id");
    close_review(tx, review.id, note, context.user().user_id);
    context.audit(tx, "property.evaluation.review.close", "property_evaluation_review:" + std::to_string(review.id),
                  {{"contract_id", review.contract_id}, {"note", note}});
    return Response::json(200, review_json(tx.connection(), *find_review(tx.connection(), review.id)));
  });
}

// --- The owners' view ---

// The published months of the compound: scores by party, never who gave them.
Response compound_evaluations_route(Context& context) {
  auto lease = context.read();
  org::Node compound = org::require_compound(*lease, context.path_id("id"));
  Json items = Json::array();
  for (const auto& evaluation : closed_evaluations_of_compound(*lease, compound.id)) {
    Json result = Json::parse(*evaluation.result);
    Json input = Json::parse(*evaluation.input);
    items.push_back({{"contract_id", evaluation.contract_id},
                     {"month", evaluation.month},
                     {"sheets", result["sheets"]},
                     {"score", result["score"]},
                     {"share", result["share"]},
                     {"outcome", result["outcome"]},
                     {"incomplete", result["incomplete"]},
                     {"base_fen", input["base_fen"]},
                     {"performance_fen", result["performance_fen"]},
                     {"total_fen", result["total_fen"]},
                     {"vetoes", input["vetoes"].size()},
                     {"closed_at", or_null(evaluation.closed_at)}});
  }
  return Response::json(200, {{"compound", {{"id", compound.id}, {"name", compound.name}}}, {"items", items}});
}

}  // namespace

void add_evaluation_routes(http::Router& router) {
  const std::string base = "/api/v1/property";
  router.add(Method::Get, base + "/evaluation-templates", Access::permission(kRead, org::node_query_scope()),
             list_templates_route);
  router.add(Method::Post, base + "/evaluation-templates",
             Access::permission(kStreet, http::scope::body_node("street_id")), create_template_route);
  org::add_street_policy_routes(router, base + "/evaluation-policies", kRead, kStreet, get_policy_route,
                                put_policy_route);

  router.add(Method::Get, base + "/evaluations", Access::permission(kRead, org::node_query_scope()), board_route);
  const std::string month = base + "/contracts/{id}/evaluations/{month}";
  auto on_contract = [](const char* permission) { return Access::permission(permission, contract_scope()); };
  router.add(Method::Get, month, on_contract(kRead), get_month_route);
  router.add(Method::Post, month + "/sheets", on_contract(kRead), create_sheet_route);
  router.add(Method::Patch, month + "/sheets/{party}", on_contract(kRead), update_sheet_route);
  router.add(Method::Post, month + "/vetoes", on_contract(kStreet), create_veto_route);
  router.add(Method::Post, month + "/close", on_contract(kStreet), close_route);
  router.add(Method::Post, month + "/reopen", on_contract(kStreet), reopen_route);
  const std::string contract_policy = base + "/contracts/{id}/evaluation-policy";
  router.add(Method::Get, contract_policy, on_contract(kRead), get_contract_policy_route);
  router.add(Method::Put, contract_policy, on_contract(kStreet), put_contract_policy_route);
  router.add(Method::Delete, contract_policy, on_contract(kStreet), delete_contract_policy_route);

  router.add(Method::Get, base + "/reviews", Access::permission(kRead, org::node_query_scope()), list_reviews_route);
  router.add(
      Method::Post, base + "/reviews/{id}/close",
      Access::permission(kStreet, http::scope::record_node("id",
                                                           [](store::Connection& connection, std::int64_t id) {
                                                             return require_review(connection, id).compound_node_id;
                                                           })),
      close_review_route);
  router.add(Method::Get, base + "/compounds/{id}/evaluations",
             Access::permission("property.public.read", http::scope::path_node("id")), compound_evaluations_route);
}

}  // namespace weizhi::property
