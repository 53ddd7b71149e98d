// HTTP routes of funding lines, own revenue, costs and their voids, the community ledger and the property figures.
#include <set>

#include "core/error.hpp"
#include "core/json_code.hpp"
#include "core/lookup.hpp"
#include "core/xlsx.hpp"
#include "http/body_id.hpp"
#include "http/context.hpp"
#include "http/record_scope.hpp"
#include "modules/org/org.hpp"
#include "modules/property/ledger_rules.hpp"
#include "modules/property/ledger_store.hpp"
#include "modules/property/module.hpp"
#include "modules/property/route_support.hpp"
#include "store/timeline.hpp"

namespace weizhi::property {

namespace {

constexpr const char* kRead = "property.ledger.read";
constexpr const char* kWrite = "property.ledger.write";

// --- Lookups and scopes ---

FundingLine require_line(store::Connection& connection, std::int64_t id) {
  return found_or_404(find_funding_line(connection, id), "找不到该条线经费");
}

Payment require_payment(store::Connection& connection, std::int64_t id) {
  return found_or_404(find_payment(connection, id), "找不到该笔条线经费拨付");
}

Revenue require_revenue(store::Connection& connection, std::int64_t id) {
  return found_or_404(find_revenue(connection, id), "找不到该笔自营收入");
}

Cost require_cost(store::Connection& connection, std::int64_t id) {
  return found_or_404(find_cost(connection, id), "找不到该笔支出");
}

// A funding line is the street's: its payments are written, and voided, by those who keep the money there.
http::ScopeResolver line_scope() {
  return http::scope::record_node("id", [](store::Connection& connection, std::int64_t id) {
    return require_line(connection, id).input.street_node_id;
  });
}

http::ScopeResolver payment_scope() {
  return http::scope::record_node("id", [](store::Connection& connection, std::int64_t id) {
    return require_payment(connection, id).street_node_id;
  });
}

// A revenue or a cost is voided at its own community, as it was recorded.
http::ScopeResolver revenue_scope() {
  return http::scope::record_node("id", [](store::Connection& connection, std::int64_t id) {
    return require_revenue(connection, id).input.community_node_id;
  });
}

http::ScopeResolver cost_scope() {
  return http::scope::record_node("id", [](store::Connection& connection, std::int64_t id) {
    return require_cost(connection, id).input.community_node_id;
  });
}

// The street a new funding line is for: the body's street_id, or the caller's street when it names none.
http::ScopeResolver new_line_scope() {
  return [](Context& context) -> std::optional<std::int64_t> {
    JsonObject body(context.json_body());
    if (auto id = http::optional_body_id(context, body, "street_id")) return *id;
    return context.root_node_id();
  };
}

// The community a record names: 422 naming `field` unless it is a community (of `street_id`, when given).
org::Node community_of_field(store::Connection& connection, std::int64_t id, const std::string& field,
                             std::optional<std::int64_t> street_id = std::nullopt) {
  auto node = org::find_node(connection, id);
  if (!node || node->kind != org::NodeKind::Community) fail_unprocessable("找不到该社区", field);
  if (street_id && org::street_of(node->path) != *street_id) fail_unprocessable("该社区不属于本街道", field);
  return *node;
}

// The community a read asks about (`?community=`): 400 when absent or not an id, 404 when there is none.
org::Node queried_community(Context& context) {
  auto text = context.query("community");
  if (!text) fail_invalid("community", "缺少查询参数 community");
  std::int64_t id = context.parse_id(*text, "community");
  auto lease = context.read();
  auto node = org::find_node(*lease, id);
  if (!node || node->kind != org::NodeKind::Community) fail_not_found("找不到该社区");
  return *node;
}

// The street's current year, or `?year=`.
std::int64_t queried_year(Context& context) {
  if (auto text = context.query("year")) return parse_year(*text, "year");
  return year_of(today(context).substr(0, 7));
}

// Who reads a community's money: holders of property.ledger.read at the community or within it (the commissioner
// of one of its compounds). A company's staff read only communities where their company holds a contract.
void require_ledger_reader(Context& context, const org::Node& community) {
  bool allowed = context.can(kRead, community.id);
  for (const auto& grant : context.user().roles) {
    if (allowed) break;
    if (grant.scope_path.rfind(community.path, 0) == 0) allowed = context.can(kRead, grant.scope_node_id);
  }
  if (!allowed) fail_forbidden("只能查看职责范围内社区的台账");
  if (!company_serves_account(*context.read(), context.user().user_id, community.path)) {
    fail_forbidden("只能查看本公司有服务合同的社区的台账");
  }
}

// --- JSON ---

Json ref(std::int64_t id, const std::string& name) { return {{"id", id}, {"name", name}}; }

Json optional_ref(const std::optional<std::int64_t>& id, const std::optional<std::string>& name) {
  return id ? ref(*id, name.value_or("")) : Json(nullptr);
}

Json line_json(const FundingLine& line) {
  return {{"id", line.id},
          {"street_id", line.input.street_node_id},
          {"code", line.input.code},
          {"name", line.input.name},
          {"year", line.input.year},
          {"budget_fen", line.input.budget_fen},
          {"paid_fen", line.paid_fen},
          {"communities", line.communities},
          {"created_at", line.created_at}};
}

// Who recorded each record and who voided it, as every timeline names them.
class Recorders {
 public:
  template <class Record>
  Recorders(store::Connection& connection, const std::vector<Record>& records, TimePoint now) {
    std::set<std::int64_t> ids;
    for (const auto& record : records) {
      if (record.recorded_by) ids.insert(*record.recorded_by);
      if (record.voided && record.voided->voided_by) ids.insert(*record.voided->voided_by);
    }
    actors_ = store::actors(connection, ids, now);
  }
  Json operator()(const std::optional<std::int64_t>& user_id) const {
    auto found = user_id ? actors_.find(*user_id) : actors_.end();
    if (found == actors_.end()) return nullptr;
    return {{"user_id", *user_id}, {"name", found->second.name}, {"role", found->second.role}};
  }

 private:
  std::map<std::int64_t, store::Actor> actors_;
};

// Who recorded a record, when, and its void (null while it counts).
template <class Record>
void add_history(Json& json, const Record& record, const Recorders& recorders) {
  json["recorded_by"] = recorders(record.recorded_by);
  json["created_at"] = record.created_at;
  json["voided_at"] = record.voided ? Json(record.voided->voided_at) : Json(nullptr);
  json["voided_by"] = record.voided ? recorders(record.voided->voided_by) : Json(nullptr);
  json["void_reason"] = record.voided ? Json(record.voided->reason) : Json(nullptr);
}

Json payment_json(const Payment& payment, const Recorders& recorders) {
  const auto& input = payment.input;
  Json json{{"id", payment.id},
            {"line", {{"id", input.line_id}, {"code", payment.line_code}, {"name", payment.line_name}}},
            {"community", ref(input.community_node_id, payment.community_name)},
            {"month", input.month},
            {"amount_fen", input.amount_fen},
            {"note", or_null(input.note)}};
  add_history(json, payment, recorders);
  return json;
}

// What revenues and costs show alike.
template <class Record>
Json record_json(const Record& record, const Recorders& recorders) {
  const auto& input = record.input;
  Json json{{"id", record.id},
            {"community", ref(input.community_node_id, record.community_name)},
            {"compound", optional_ref(input.compound_node_id, record.compound_name)},
            {"month", input.month},
            {"common_parts", input.common_parts},
            {"amount_fen", input.amount_fen},
            {"note", or_null(input.note)}};
  add_history(json, record, recorders);
  return json;
}

Json revenue_json(const Revenue& revenue, const Recorders& recorders) {
  Json json = record_json(revenue, recorders);
  json["kind"] = code_of(kRevenueKinds, revenue.input.kind);
  return json;
}

Json cost_json(const Cost& cost, const Recorders& recorders) {
  Json json = record_json(cost, recorders);
  json["kind"] = code_of(kCostKinds, cost.input.kind);
  json["contract_id"] = or_null(cost.input.contract_id);
  json["evaluation_id"] = or_null(cost.evaluation_id);
  return json;
}

// One record as written, through `find`, shown by `show` with who recorded and voided it.
template <class Find, class Show>
Json shown_record(store::Tx& tx, std::int64_t id, Find&& find, Show&& show) {
  auto record = *find(tx.connection(), id);
  return show(record, Recorders(tx.connection(), std::vector{record}, tx.now()));
}

Json figures_json(const LedgerFigures& figures) {
  return {{"income",
           {{"funding_fen", figures.sums.funding_fen},
            {"revenue_fen", figures.sums.revenue_fen},
            {"total_fen", figures.income_fen}}},
          {"costs",
           {{"contract_fen", figures.sums.contract_fen},
            {"other_fen", figures.sums.other_fen},
            {"total_fen", figures.costs_fen}}},
          {"subsidy_fen", figures.subsidy_fen}};
}

// --- Funding lines ---

Response list_lines_route(Context& context) {
  std::optional<std::int64_t> year;
  if (auto text = context.query("year")) year = parse_year(*text, "year");
  auto street_id = http::scope::query_node_or_root("street")(context);
  auto lease = context.read();
  org::Node street = org::require_street(*lease, *street_id);
  Json items = Json::array();
  for (const auto& line : funding_lines(*lease, street.id, year)) items.push_back(line_json(line));
  return Response::json(200, {{"items", std::move(items)}});
}

Response create_line_route(Context& context) {
  JsonObject body(context.json_body());
  auto street_id = http::optional_body_id(context, body, "street_id");
  FundingLineInput input{0, body.integer("year"), body.text("code"), body.text("name"),
                         read_amount(body.any("budget_fen"), "budget_fen")};
  body.finish();
  check_year(input.year, "year");
  check_line_code(input.code, "code");
  check_line_name(input.name, "name");
  std::int64_t asked_street = street_id ? *street_id : context.root_node_id();
  input.street_node_id = org::require_street(*context.read(), asked_street).id;
  Json created = context.write([&](store::Tx& tx) {
    if (funding_line_code_in_use(tx.connection(), input.street_node_id, input.year, input.code)) {
      fail_conflict("该年度已有此编码的条线经费", "code");
    }
    std::int64_t id = insert_funding_line(tx, input, context.user().user_id);
    context.audit(tx, "property.funding_line.create", "property_funding_line:" + std::to_string(id),
                  {{"year", input.year}, {"code", input.code}, {"name", input.name}, {"budget_fen", input.budget_fen}});
    return line_json(*find_funding_line(tx.connection(), id));
  });
  return Response::json(201, created);
}

Response create_payment_route(Context& context) {
  JsonObject body(context.json_body());
  PaymentInput input{context.path_id("id"), http::body_id(context, body, "community_id"), body.text("month"),
                     read_amount(body.any("amount_fen"), "amount_fen"), body.optional_text("note")};
  body.finish();
  check_month(input.month, "month");
  check_note(input.note, "note");
  Json created = context.write([&](store::Tx& tx) {
    FundingLine line = require_line(tx.connection(), input.line_id);
    org::Node community =
        community_of_field(tx.connection(), input.community_node_id, "community_id", line.input.street_node_id);
    check_month_in_year(input.month, line.input.year, "month");
    std::int64_t id = insert_payment(tx, input, context.user().user_id);
    context.audit(
        tx, "property.funding_payment.create", "property_funding_line:" + std::to_string(line.id),
        {{"payment_id", id}, {"community_id", community.id}, {"month", input.month}, {"amount_fen", input.amount_fen}});
    return shown_record(tx, id, find_payment, payment_json);
  });
  return Response::json(201, created);
}

// --- Revenue and costs ---

// The compound a record names lies in its community: 422 naming `field` otherwise.
void check_compound_in(store::Connection& connection, const org::Node& community, std::int64_t compound_id,
                       const std::string& field) {
  auto compound = org::find_node(connection, compound_id);
  if (!compound || compound->kind != org::NodeKind::Compound || compound->parent_id != community.id) {
    fail_unprocessable("该小区不属于所选社区", field);
  }
}

Response create_revenue_route(Context& context) {
  JsonObject body(context.json_body());
  RevenueInput input{
      http::body_id(context, body, "community_id"),
      http::optional_body_id(context, body, "compound_id"),
      body.text("month"),
      code_field(body, "kind", parser_of(kRevenueKinds), "收入类别须为 advertising、parking、venue 或 other"),
      body.boolean("common_parts"),
      read_amount(body.any("amount_fen"), "amount_fen"),
      body.optional_text("note")};
  body.finish();
  check_month(input.month, "month");
  check_note(input.note, "note");
  if (input.common_parts && !input.compound_node_id) {
    fail_unprocessable("共有部分收入须注明所属小区", "compound_id");
  }
  Json created = context.write([&](store::Tx& tx) {
    org::Node community = community_of_field(tx.connection(), input.community_node_id, "community_id");
    if (input.compound_node_id) check_compound_in(tx.connection(), community, *input.compound_node_id, "compound_id");
    std::int64_t id = insert_revenue(tx, input, context.user().user_id);
    context.audit(tx, "property.revenue.create", "property_revenue:" + std::to_string(id),
                  {{"community_id", community.id},
                   {"month", input.month},
                   {"kind", code_of(kRevenueKinds, input.kind)},
                   {"amount_fen", input.amount_fen}});
    return shown_record(tx, id, find_revenue, revenue_json);
  });
  return Response::json(201, created);
}

Response create_cost_route(Context& context) {
  JsonObject body(context.json_body());
  CostInput input{http::body_id(context, body, "community_id"),
                  http::optional_body_id(context, body, "compound_id"),
                  body.text("month"),
                  code_field(body, "kind", parser_of(kCostKinds),
                             "支出类别须为 contract_base、contract_performance、maintenance 或 other"),
                  http::optional_body_id(context, body, "contract_id"),
                  body.optional_boolean("common_parts").value_or(false),
                  read_amount(body.any("amount_fen"), "amount_fen"),
                  body.optional_text("note")};
  body.finish();
  check_month(input.month, "month");
  check_note(input.note, "note");
  Json created = context.write([&](store::Tx& tx) {
    org::Node community = community_of_field(tx.connection(), input.community_node_id, "community_id");
    if (input.compound_node_id) check_compound_in(tx.connection(), community, *input.compound_node_id, "compound_id");
    if (input.contract_id) {
      // A contract's pay is a cost of its compound: the compound is the contract's when the body names none.
      auto compound = contract_compound(tx.connection(), *input.contract_id);
      if (!compound) fail_unprocessable("找不到该物业服务合同", "contract_id");
      if (input.compound_node_id && *compound != *input.compound_node_id) {
        fail_unprocessable("该合同不属于所选小区", "contract_id");
      }
      check_compound_in(tx.connection(), community, *compound, "contract_id");
      input.compound_node_id = *compound;
    }
    if (input.common_parts && !input.compound_node_id) {
      fail_unprocessable("共有部分支出须注明所属小区", "compound_id");
    }
    std::int64_t id = insert_cost(tx, input, context.user().user_id);
    context.audit(tx, "property.cost.create", "property_cost:" + std::to_string(id),
                  {{"community_id", community.id},
                   {"month", input.month},
                   {"kind", code_of(kCostKinds, input.kind)},
                   {"amount_fen", input.amount_fen}});
    return shown_record(tx, id, find_cost, cost_json);
  });
  return Response::json(201, created);
}

// A community's records of a year: `list(connection, community, year)` shown by `show`.
template <class List, class Show>
Response community_records(Context& context, List&& list, Show&& show) {
  org::Node community = queried_community(context);
  std::int64_t year = queried_year(context);
  require_ledger_reader(context, community);
  auto lease = context.read();
  auto records = list(*lease, community.id, year);
  Recorders recorders(*lease, records, context.services.clock.now());
  Json items = Json::array();
  for (const auto& record : records) items.push_back(show(record, recorders));
  return Response::json(200, {{"items", std::move(items)}});
}

Response list_payments_route(Context& context) { return community_records(context, payments_of, payment_json); }
Response list_revenues_route(Context& context) { return community_records(context, revenues_of, revenue_json); }
Response list_costs_route(Context& context) { return community_records(context, costs_of, cost_json); }

// --- Voids ---

// The reason of a void, from a body holding only it.
std::string void_reason(Context& context) {
  JsonObject body(context.json_body());
  std::string reason = body.text("reason");
  body.finish();
  check_void_reason(reason, "reason");
  return reason;
}

// What the audit keeps of a voided record: where, which month, how much and why.
Json void_summary(std::int64_t community_id, const std::string& month, std::int64_t amount_fen,
                  const std::string& reason) {
  return {{"community_id", community_id}, {"month", month}, {"amount_fen", amount_fen}, {"reason", reason}};
}

// A void that found the record already voided by a concurrent one: 409 as for any second void.
void require_voided_now(bool voided) {
  if (!voided) fail_conflict("该记录已作废", "id");
}

// How one kind of record is voided: the route finds it, checks it may be voided, marks it, audits and shows it.
template <class Record>
struct Voiding {
  Record (*require)(store::Connection&, std::int64_t id);
  void (*check)(const Record&);
  bool (*mark)(store::Tx&, std::int64_t id, const std::string& reason, std::optional<std::int64_t> by);
  void (*audit)(Context&, store::Tx&, const Record&, std::int64_t id, const std::string& reason);
  Json (*show)(store::Tx&, std::int64_t id);
};

template <class Record>
Response void_route(Context& context, const Voiding<Record>& voiding) {
  std::string reason = void_reason(context);
  std::int64_t id = context.path_id("id");
  Json voided = context.write([&](store::Tx& tx) {
    Record record = voiding.require(tx.connection(), id);
    voiding.check(record);
    require_voided_now(voiding.mark(tx, id, reason, context.user().user_id));
    voiding.audit(context, tx, record, id, reason);
    return voiding.show(tx, id);
  });
  return Response::json(200, voided);
}

// A payment is audited on its funding line, where the street reads what was paid out of it.
const Voiding<Payment> kPaymentVoiding{
    require_payment, [](const Payment& payment) { check_not_voided(payment.voided); }, void_payment,
    [](Context& context, store::Tx& tx, const Payment& payment, std::int64_t id, const std::string& reason) {
      Json summary =
          void_summary(payment.input.community_node_id, payment.input.month, payment.input.amount_fen, reason);
      summary["payment_id"] = id;
      context.audit(tx, "property.funding_payment.void",
                    "property_funding_line:" + std::to_string(payment.input.line_id), summary);
    },
    [](store::Tx& tx, std::int64_t id) { return shown_record(tx, id, find_payment, payment_json); }};

const Voiding<Revenue> kRevenueVoiding{
    require_revenue, [](const Revenue& revenue) { check_not_voided(revenue.voided); }, void_revenue,
    [](Context& context, store::Tx& tx, const Revenue& revenue, std::int64_t id, const std::string& reason) {
      context.audit(
          tx, "property.revenue.void", "property_revenue:" + std::to_string(id),
          void_summary(revenue.input.community_node_id, revenue.input.month, revenue.input.amount_fen, reason));
    },
    [](store::Tx& tx, std::int64_t id) { return shown_record(tx, id, find_revenue, revenue_json); }};

const Voiding<Cost> kCostVoiding{
    require_cost, check_cost_voidable, void_cost,
    [](Context& context, store::Tx& tx, const Cost& cost, std::int64_t id, const std::string& reason) {
      context.audit(tx, "property.cost.void", "property_cost:" + std::to_string(id),
                    void_summary(cost.input.community_node_id, cost.input.month, cost.input.amount_fen, reason));
    },
    [](store::Tx& tx, std::int64_t id) { return shown_record(tx, id, find_cost, cost_json); }};

Response void_payment_route(Context& context) { return void_route(context, kPaymentVoiding); }
Response void_revenue_route(Context& context) { return void_route(context, kRevenueVoiding); }
Response void_cost_route(Context& context) { return void_route(context, kCostVoiding); }

// --- The ledger ---

struct CommunityYear {
  CommunityRef community;
  YearLedger ledger;
};

// The year's ledger of every community of the subtree at `path`.
std::vector<CommunityYear> community_years(store::Connection& connection, const std::string& path, std::int64_t year) {
  auto sums = month_sums_under(connection, path, year);
  std::vector<CommunityYear> years;
  for (const auto& community : communities_under(connection, path)) {
    years.push_back({community, year_ledger(year, sums[community.id])});
  }
  return years;
}

struct StreetSubsidy {
  std::int64_t communities_without_subsidy = 0;
  std::int64_t street_subsidy_fen = 0;
};

StreetSubsidy street_subsidy(const std::vector<CommunityYear>& years) {
  StreetSubsidy subsidy;
  for (const auto& each : years) {
    if (each.ledger.self_sufficient) ++subsidy.communities_without_subsidy;
    subsidy.street_subsidy_fen += each.ledger.totals.subsidy_fen;
  }
  return subsidy;
}

// The ledger as a workbook: the months, then each compound's common parts. Amounts stay whole fen.
Response ledger_workbook(const org::Node& community, std::int64_t year, const YearLedger& ledger,
                         const std::vector<OwnersShare>& shares) {
  xlsx::Sheet months{"台账",
                     {{"月份", 10},
                      {"条线经费（分）", 16},
                      {"自营收入（分）", 16},
                      {"收入合计（分）", 16},
                      {"合同支出（分）", 16},
                      {"其他支出（分）", 16},
                      {"支出合计（分）", 16},
                      {"街道补贴（分）", 16}},
                     {}};
  auto row = [](const std::string& label, const LedgerFigures& figures) {
    return std::vector<xlsx::Cell>{label,
                                   figures.sums.funding_fen,
                                   figures.sums.revenue_fen,
                                   figures.income_fen,
                                   figures.sums.contract_fen,
                                   figures.sums.other_fen,
                                   figures.costs_fen,
                                   figures.subsidy_fen};
  };
  for (const auto& month : ledger.months) months.rows.push_back(row(month.month, month.figures));
  months.rows.push_back(row("合计", ledger.totals));
  xlsx::Sheet compounds{
      "小区共有部分",
      {{"小区", 18}, {"共有部分收入（分）", 20}, {"共有部分支出（分）", 20}, {"归业主所有（分）", 18}},
      {}};
  for (const auto& share : shares) {
    compounds.rows.push_back({share.compound_name, share.common_income_fen, share.costs_fen, share.owners_fen});
  }
  Response response;
  response.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  response.body = xlsx::workbook({months, compounds});
  response.header("Content-Disposition", "attachment; filename=\"ledger-" + std::to_string(community.id) + "-" +
                                             std::to_string(year) + ".xlsx\"");
  return response;
}

Response ledger_route(Context& context) {
  auto format = context.query("format");
  if (format && *format != "json" && *format != "xlsx") fail_invalid("format", "格式须为 json 或 xlsx");
  org::Node community = queried_community(context);
  std::int64_t year = queried_year(context);
  require_ledger_reader(context, community);
  auto lease = context.read();
  YearLedger ledger = community_years(*lease, community.path, year).front().ledger;
  std::vector<OwnersShare> shares;
  for (const auto& sums : common_part_sums(*lease, community.id, year)) shares.push_back(owners_share(sums));
  if (format == "xlsx") return ledger_workbook(community, year, ledger, shares);

  Json months = Json::array();
  for (const auto& month : ledger.months) {
    Json shown = figures_json(month.figures);
    shown["month"] = month.month;
    months.push_back(std::move(shown));
  }
  Json compounds = Json::array();
  for (const auto& share : shares) {
    compounds.push_back({{"compound", ref(share.compound_node_id, share.compound_name)},
                         {"common_income_fen", share.common_income_fen},
                         {"costs_fen", share.costs_fen},
                         {"owners_fen", share.owners_fen}});
  }
  return Response::json(200, {{"community", ref(community.id, community.name)},
                              {"year", year},
                              {"months", std::move(months)},
                              {"totals", figures_json(ledger.totals)},
                              {"self_sufficient", ledger.self_sufficient},
                              {"compounds", std::move(compounds)}});
}

Response summary_route(Context& context) {
  std::int64_t year = queried_year(context);
  auto street_id = http::scope::query_node_or_root("street")(context);
  auto lease = context.read();
  org::Node street = org::require_street(*lease, *street_id);
  auto years = community_years(*lease, street.path, year);
  Json items = Json::array();
  for (const auto& each : years) {
    const LedgerFigures& totals = each.ledger.totals;
    items.push_back({{"community", ref(each.community.id, each.community.name)},
                     {"income_fen", totals.income_fen},
                     {"costs_fen", totals.costs_fen},
                     {"subsidy_fen", totals.subsidy_fen},
                     {"self_sufficient", each.ledger.self_sufficient}});
  }
  StreetSubsidy subsidy = street_subsidy(years);
  return Response::json(200, {{"street", ref(street.id, street.name)},
                              {"year", year},
                              {"items", std::move(items)},
                              {"communities_without_subsidy", subsidy.communities_without_subsidy},
                              {"street_subsidy_fen", subsidy.street_subsidy_fen}});
}

// --- The property figures ---

Response stats_route(Context& context) {
  auto [lease, node] = org::read_queried_subtree(context);
  std::string day = today(context);
  std::int64_t year = year_of(day.substr(0, 7));
  PropertyCounts counts = property_counts(*lease, node.path, org::street_of(node.path), day, year);
  StreetSubsidy subsidy = street_subsidy(community_years(*lease, node.path, year));
  return Response::json(200, {{"communities", org::subtree_counts(*lease, node)[org::NodeKind::Community]},
                              {"clusters", counts.clusters},
                              {"companies", counts.companies},
                              {"local_companies", counts.local_companies},
                              {"external_companies", counts.external_companies},
                              {"joint_operations", counts.joint_operations},
                              {"compounds_under_contract", counts.compounds_under_contract},
                              {"tasks_transferred", counts.tasks_transferred},
                              {"funding_lines", counts.funding_lines},
                              {"communities_without_subsidy", subsidy.communities_without_subsidy},
                              {"street_subsidy_fen", subsidy.street_subsidy_fen},
                              {"evaluations_closed", counts.evaluations_closed}});
}

}  // namespace

void add_ledger_routes(http::Router& router) {
  const std::string base = "/api/v1/property";
  auto read_at = [](http::ScopeResolver scope) { return Access::permission(kRead, std::move(scope)); };
  auto write_at = [](http::ScopeResolver scope) { return Access::permission(kWrite, std::move(scope)); };
  // Reads of one community's money are checked in the handler: a commissioner holds the read at a compound.
  router.add(Method::Get, base + "/funding-lines", read_at(http::scope::query_node_or_root("street")),
             list_lines_route);
  router.add(Method::Post, base + "/funding-lines", write_at(new_line_scope()), create_line_route);
  router.add(Method::Post, base + "/funding-lines/{id}/payments", write_at(line_scope()), create_payment_route);
  router.add(Method::Get, base + "/funding-payments", read_at(http::scope::any()), list_payments_route);
  router.add(Method::Get, base + "/revenues", read_at(http::scope::any()), list_revenues_route);
  router.add(Method::Post, base + "/revenues", write_at(http::scope::body_node("community_id")), create_revenue_route);
  router.add(Method::Get, base + "/costs", read_at(http::scope::any()), list_costs_route);
  router.add(Method::Post, base + "/costs", write_at(http::scope::body_node("community_id")), create_cost_route);
  // Nothing recorded is edited or deleted: a wrong record is voided, by whoever may record it, where it was recorded.
  router.add(Method::Post, base + "/funding-payments/{id}/void", write_at(payment_scope()), void_payment_route);
  router.add(Method::Post, base + "/revenues/{id}/void", write_at(revenue_scope()), void_revenue_route);
  router.add(Method::Post, base + "/costs/{id}/void", write_at(cost_scope()), void_cost_route);
  router.add(Method::Get, base + "/ledger", read_at(http::scope::any()), ledger_route);
  router.add(Method::Get, base + "/ledger/summary", read_at(http::scope::query_node_or_root("street")), summary_route);
  router.add(Method::Get, "/api/v1/stats/property", Access::permission("property.read", org::node_query_scope()),
             stats_route);
}

}  // namespace weizhi::property
