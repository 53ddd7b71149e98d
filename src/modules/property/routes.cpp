// HTTP routes of companies, clusters, contracts and the task catalogue (docs/modules/property.md): each reads
// what it decides on, asks the rules, saves and audits in one transaction, and answers the record as it now is.
#include <algorithm>
#include <map>
#include <set>

#include "auth/principal.hpp"
#include "core/entries.hpp"
#include "core/error.hpp"
#include "core/json_array.hpp"
#include "core/json_code.hpp"
#include "core/lookup.hpp"
#include "http/audited_step.hpp"
#include "http/body_id.hpp"
#include "http/context.hpp"
#include "http/query_code.hpp"
#include "http/record_scope.hpp"
#include "modules/cases/cases.hpp"
#include "modules/media/media.hpp"
#include "modules/org/org.hpp"
#include "modules/property/module.hpp"
#include "modules/property/route_support.hpp"
#include "modules/property/rules.hpp"
#include "modules/property/store.hpp"
#include "store/timeline.hpp"

namespace weizhi::property {

namespace {

constexpr const char* kCompanyRoles[] = {"property_manager", "property_staff"};

std::string day_field(Context& context, JsonObject& body, const std::string& name) {
  return covenant::checked_date(body.optional_text(name).value_or(today(context)), name);
}

// --- Loading with scope ---

Company require_company(store::Connection& connection, std::int64_t id) {
  return found_or_404(find_company(connection, id), "找不到该物业企业");
}

// The company a link names, 404 naming `field` unless it is one of the street's: another street's company is
// answered as if there were none.
Company company_of_street(store::Connection& connection, std::int64_t id, std::int64_t street_node_id,
                          const std::string& field) {
  auto company = find_company(connection, id);
  if (!company || company->street_node_id != street_node_id) {
    throw ApiError(404, "not_found", "找不到该物业企业", field);
  }
  return *company;
}

Cluster require_cluster(store::Connection& connection, std::int64_t id) {
  return found_or_404(find_cluster(connection, id), "找不到该片区组团");
}

// A cluster lies in the street of its communities; one left without any belongs to the street at the root.
std::int64_t street_of_cluster(Context& context, store::Connection& connection, std::int64_t id) {
  Cluster cluster = require_cluster(connection, id);
  if (cluster.communities.empty()) return context.root_node_id();
  return org::street_of(cluster.communities.front().path);
}

Task require_task(store::Connection& connection, std::int64_t id) {
  return found_or_404(find_task(connection, id), "找不到该事务");
}

// The street's records (companies, clusters, tasks) are read by whoever holds property.read anywhere in the
// street, since a community's leaders choose among the street's companies: the scope checked is the caller's
// own node there that holds it, else the street itself.
std::int64_t read_scope_in_street(Context& context, std::int64_t street_id) {
  for (const auto& grant : context.user().roles) {
    if (org::street_of(grant.scope_path) == street_id && context.can("property.read", grant.scope_node_id)) {
      return grant.scope_node_id;
    }
  }
  return street_id;
}

http::ScopeResolver company_scope() {
  return http::scope::record_node("id", [](store::Connection& connection, std::int64_t id) {
    return require_company(connection, id).street_node_id;
  });
}

http::ScopeResolver company_read_scope() {
  return [](Context& context) -> std::optional<std::int64_t> {
    return read_scope_in_street(context, *company_scope()(context));
  };
}

http::ScopeResolver cluster_scope() {
  return [](Context& context) -> std::optional<std::int64_t> {
    std::int64_t id = context.path_id("id");
    auto lease = context.read();
    return street_of_cluster(context, *lease, id);
  };
}

http::ScopeResolver cluster_read_scope() {
  return [](Context& context) -> std::optional<std::int64_t> {
    return read_scope_in_street(context, *cluster_scope()(context));
  };
}

http::ScopeResolver task_scope() {
  return http::scope::record_node(
      "id", [](store::Connection& connection, std::int64_t id) { return require_task(connection, id).street_node_id; });
}

http::ScopeResolver task_read_scope() {
  return [](Context& context) -> std::optional<std::int64_t> {
    return read_scope_in_street(context, *task_scope()(context));
  };
}

// Writes at the street name it as `street_id` in the body; the street at the root when left out.
std::optional<std::int64_t> body_street_scope(Context& context) {
  const Json& body = context.json_body();
  if (body.contains("street_id") && !body["street_id"].is_null()) return http::scope::body_node("street_id")(context);
  return context.root_node_id();
}

// The street of `?street=`, else the root; 404 unless it is a street.
std::int64_t queried_street(Context& context) {
  auto street = context.query("street");
  std::int64_t id = street ? context.parse_id(*street, "street") : context.root_node_id();
  auto lease = context.read();
  return org::require_street(*lease, id).id;
}

// The street a write names as `street_id`, the root when left out; read before the write, whose transaction
// takes no other connection.
std::int64_t body_street_id(Context& context, JsonObject& body) {
  return http::optional_body_id(context, body, "street_id").value_or(context.root_node_id());
}

std::optional<std::int64_t> street_read_scope(Context& context) {
  return read_scope_in_street(context, queried_street(context));
}

// The company a property account is linked to: such an account sees that company's contracts only.
std::optional<std::int64_t> callers_company(Context& context, store::Connection& connection) {
  return company_of_user(connection, context.user().user_id);
}

// --- JSON ---

Json company_ref(const Company& company) {
  return {{"id", company.id}, {"name", company.input.name}, {"origin", code_of(kOrigins, company.input.origin)}};
}

Json company_ref(store::Connection& connection, std::int64_t id) {
  auto company = find_company(connection, id);
  return company ? company_ref(*company) : Json(nullptr);
}

// A record's history, {"items": […]}: each of `steps` as `step_json` shows it, with "by" naming who recorded it
// (its `user_id`) as every timeline names them, null when unknown.
template <class Steps, class StepJson>
Response history_reply(Context& context, store::Connection& connection, const Steps& steps, StepJson step_json) {
  std::set<std::int64_t> user_ids;
  for (const auto& step : steps) {
    if (step.user_id) user_ids.insert(*step.user_id);
  }
  auto actors = store::actors(connection, user_ids, context.services.clock.now());
  Json items = Json::array();
  for (const auto& step : steps) {
    Json item = step_json(step);
    auto found = step.user_id ? actors.find(*step.user_id) : actors.end();
    item["by"] = found == actors.end()
                     ? Json(nullptr)
                     : Json{{"user_id", *step.user_id}, {"name", found->second.name}, {"role", found->second.role}};
    items.push_back(item);
  }
  return Response::json(200, {{"items", items}});
}

Json company_json(store::Connection& connection, const Company& company, TimePoint now) {
  Json contacts = Json::array();
  for (const auto& contact : company.input.contacts) {
    contacts.push_back({{"name", contact.name}, {"title", contact.title}, {"phone", contact.phone}});
  }
  Json staff = Json::array();
  for (const auto& member : staff_of(connection, company.id, now)) {
    staff.push_back({{"user_id", member.user_id}, {"name", member.name}, {"role", member.role}});
  }
  return {{"id", company.id},
          {"street", {{"id", company.street_node_id}, {"name", company.street_name}}},
          {"name", company.input.name},
          {"credit_code", company.input.credit_code},
          {"origin", code_of(kOrigins, company.input.origin)},
          {"specialities", company.input.specialities},
          {"contacts", contacts},
          {"licence_photos", company.input.licence_photos},
          {"staff", staff},
          {"compounds_under_contract", compounds_under_contract(connection, company.id)},
          {"created_at", company.created_at}};
}

Json vote_json(store::Connection& connection, const std::optional<VoteItem>& vote) {
  if (!vote) return nullptr;
  return {{"vote", {{"id", vote->vote_id}, {"title", vote_title(connection, vote->vote_id).value_or("")}}},
          {"item", vote->item}};
}

Json gate_tiers_json(const std::vector<GateTier>& tiers) {
  Json codes = Json::array();
  for (GateTier tier : tiers) codes.push_back(code_of(kGateTiers, tier));
  return codes;
}

Json contract_json(store::Connection& connection, const Contract& contract) {
  auto compound = org::find_node(connection, contract.terms.compound_node_id);
  auto community = compound && compound->parent_id ? org::find_node(connection, *compound->parent_id) : std::nullopt;
  return {{"id", contract.id},
          {"compound",
           {{"id", contract.terms.compound_node_id},
            {"name", compound ? compound->name : ""},
            {"community", {{"id", community ? community->id : 0}, {"name", community ? community->name : ""}}}}},
          {"company", company_ref(connection, contract.terms.company_id)},
          {"starts_on", contract.terms.starts_on},
          {"ends_on", contract.terms.ends_on},
          {"base_fen", contract.terms.base_fen},
          {"pool_fen", contract.terms.pool_fen},
          {"services", contract.terms.services},
          {"gate_tiers", gate_tiers_json(contract.terms.gate_tiers)},
          {"state", code_of(kContractStates, contract.state)},
          {"adopted_by", vote_json(connection, contract.adopted_by)},
          {"adopted_on", or_null(contract.adopted_on)},
          {"ended_by", vote_json(connection, contract.ended_by)},
          {"ended_on", or_null(contract.ended_on)},
          {"end_reason", or_null(contract.end_reason)},
          {"created_at", contract.created_at}};
}

Json contract_summary(store::Connection& connection, const std::optional<Contract>& contract) {
  if (!contract) return nullptr;
  return {{"id", contract->id},
          {"company", company_ref(connection, contract->terms.company_id)},
          {"state", code_of(kContractStates, contract->state)},
          {"ends_on", contract->terms.ends_on}};
}

Json cluster_json(store::Connection& connection, const Cluster& cluster, const std::string& today_text) {
  Json lead = nullptr;
  Json partners = Json::array();
  for (const auto& op : operators_of(connection, cluster.id)) {
    if (!operating_on(op, today_text)) continue;
    // The term's id, which ending it names.
    Json company = company_ref(connection, op.company_id);
    company["operator_id"] = op.id;
    if (op.role == OperatorRole::Lead) {
      lead = company;
    } else {
      partners.push_back(company);
    }
  }
  Json communities = Json::array();
  for (const auto& community : cluster.communities) {
    Json compounds = Json::array();
    for (const auto& compound : org::child_records(connection, community.id, 0, 1000)) {
      compounds.push_back(
          {{"id", compound.node.id},
           {"name", compound.node.name},
           {"contract", contract_summary(connection, contract_in_force(connection, compound.node.id))}});
    }
    communities.push_back({{"id", community.id}, {"name", community.name}, {"compounds", compounds}});
  }
  return {{"id", cluster.id},
          {"name", cluster.name},
          {"code", or_null(cluster.code)},
          {"lead", lead},
          {"partners", partners},
          {"joint_operation", !lead.is_null() && !partners.empty()},
          {"communities", communities}};
}

Json task_json(store::Connection& connection, const Task& task) {
  Json items = Json::array();
  for (const auto& code : task.input.service_items) {
    auto item = cases::find_item_by_code(connection, task.street_node_id, code);
    items.push_back({{"code", code}, {"name", item ? item->name : code}});
  }
  return {{"id", task.id},
          {"code", task.input.code},
          {"name", task.input.name},
          {"holder", code_of(kHolders, task.input.holder)},
          {"since", task.input.since},
          {"service_items", items},
          {"moves", task.moves}};
}

// A record created in one transaction with its audit record: `create` writes it and answers its id and the
// record as the reply shows it, which the audit record keeps too.
template <class Create>
Response created(Context& context, const std::string& action, const std::string& entity, Create&& create) {
  Json shown = context.write([&](store::Tx& tx) {
    auto [id, json] = create(tx);
    context.audit(tx, action, entity + ":" + std::to_string(id), json);
    return json;
  });
  return Response::json(201, shown);
}

// --- Companies ---

std::vector<std::string> specialities_of(const Json& list) {
  return text_array(list, "specialities", "字段 specialities 应为文字数组", "专长应为文字");
}

std::vector<Contact> contacts_of(const Json& list) {
  return read_array(
      list, "contacts", "字段 contacts 应为联系人数组", [](const Json& element, const std::string& field) {
        if (!element.is_object()) fail_invalid(field, "联系人应为对象");
        JsonObject contact(element, field);
        Contact read{contact.text("name"), contact.optional_text("title").value_or(""), contact.text("phone")};
        contact.finish();
        return read;
      });
}

CompanyInput company_fields(JsonObject& body) {
  CompanyInput input;
  input.name = body.text("name");
  input.credit_code = body.text("credit_code");
  input.origin = code_field(body, "origin", parser_of(kOrigins), "来源应为 local 或 external");
  if (const Json* specialities = body.optional_any("specialities")) input.specialities = specialities_of(*specialities);
  if (const Json* contacts = body.optional_any("contacts")) input.contacts = contacts_of(*contacts);
  input.licence_photos = media::photo_ids_field(body, "licence_photos");
  return input;
}

// 409 naming credit_code when another company has it; the stored photos are checked too.
void check_company_store(store::Connection& connection, const CompanyInput& input, std::optional<std::int64_t> id) {
  if (credit_code_taken(connection, input.credit_code, id)) {
    fail_conflict("已有企业登记了该统一社会信用代码", "credit_code");
  }
  media::require_stored_photos(connection, input.licence_photos, "licence_photos");
}

Response list_companies_route(Context& context) {
  std::int64_t street_id = queried_street(context);
  auto lease = context.read();
  Json items = Json::array();
  for (const auto& company : companies_of_street(*lease, street_id)) {
    items.push_back(company_json(*lease, company, context.services.clock.now()));
  }
  return Response::json(200, {{"items", items}});
}

Response create_company_route(Context& context) {
  JsonObject body(context.json_body());
  CompanyInput input = company_fields(body);
  std::int64_t street_id = body_street_id(context, body);
  body.finish();
  check_company(input);
  return created(context, "property.company.create", "property_company", [&](store::Tx& tx) {
    std::int64_t street = org::require_street(tx.connection(), street_id).id;
    check_company_store(tx.connection(), input, std::nullopt);
    std::int64_t id = insert_company(tx, street, input);
    return std::pair{id, company_json(tx.connection(), require_company(tx.connection(), id), tx.now())};
  });
}

Response get_company_route(Context& context) {
  auto lease = context.read();
  return Response::json(
      200, company_json(*lease, require_company(*lease, context.path_id("id")), context.services.clock.now()));
}

// A PATCH changes the fields given, the others stay.
Response update_company_route(Context& context) {
  std::int64_t id = context.path_id("id");
  JsonObject body(context.json_body());
  auto name = body.optional_text("name");
  auto credit_code = body.optional_text("credit_code");
  auto origin = optional_code_field(body, "origin", parser_of(kOrigins), "来源应为 local 或 external");
  std::optional<std::vector<std::string>> specialities;
  if (const Json* list = body.optional_any("specialities")) specialities = specialities_of(*list);
  std::optional<std::vector<Contact>> contacts;
  if (const Json* list = body.optional_any("contacts")) contacts = contacts_of(*list);
  bool photos_given = body.has("licence_photos");
  auto photos = media::photo_ids_field(body, "licence_photos");
  body.finish();
  http::StepTarget<Company> target{id, "property_company", require_company, [&](store::Tx& tx, const Company& company) {
                                     return company_json(tx.connection(), company, tx.now());
                                   }};
  return http::audited_step(context, target, "property.company.update", 200,
                            [&](store::Tx& tx, const Company& company) {
                              CompanyInput input = company.input;
                              if (name) input.name = *name;
                              if (credit_code) input.credit_code = *credit_code;
                              if (origin) input.origin = *origin;
                              if (specialities) input.specialities = *specialities;
                              if (contacts) input.contacts = *contacts;
                              if (photos_given) input.licence_photos = photos;
                              check_company(input);
                              check_company_store(tx.connection(), input, company.id);
                              update_company(tx, company.id, input);
                              return Json{{"name", input.name}, {"credit_code", input.credit_code}};
                            });
}

// A company's staff are property accounts working in its street: any other account, or one of another
// street, is not one the street may link (404 naming user_id, as for no account at all).
void check_staff_account(store::Connection& connection, std::int64_t user_id, const Company& company, TimePoint now) {
  auto roles = roles_of_user(connection, user_id, now);
  bool in_street = std::any_of(roles.begin(), roles.end(), [&](const HeldRole& held) {
    return org::street_of(held.scope_path) == company.street_node_id;
  });
  if (!in_street) throw ApiError(404, "not_found", "找不到该账号", "user_id");
  bool property_role = std::any_of(roles.begin(), roles.end(), [](const HeldRole& held) {
    return std::find(std::begin(kCompanyRoles), std::end(kCompanyRoles), held.role) != std::end(kCompanyRoles);
  });
  if (!property_role) fail_unprocessable("只能关联物业项目经理或物业员工账号", "user_id");
}

Response link_staff_route(Context& context) {
  std::int64_t id = context.path_id("id");
  JsonObject body(context.json_body());
  std::int64_t user_id = http::body_id(context, body, "user_id");
  body.finish();
  http::StepTarget<Company> target{id, "property_company", require_company, [&](store::Tx& tx, const Company& company) {
                                     return company_json(tx.connection(), company, tx.now());
                                   }};
  return http::audited_step(context, target, "property.company.staff.link", 201,
                            [&](store::Tx& tx, const Company& company) {
                              check_staff_account(tx.connection(), user_id, company, tx.now());
                              link_staff(tx, company.id, user_id);
                              return Json{{"user_id", user_id}};
                            });
}

Response unlink_staff_route(Context& context) {
  std::int64_t id = context.path_id("id");
  std::int64_t user_id = context.path_id("user_id");
  http::StepTarget<Company> target{id, "property_company", require_company, [&](store::Tx& tx, const Company& company) {
                                     return company_json(tx.connection(), company, tx.now());
                                   }};
  return http::audited_step(context, target, "property.company.staff.unlink", 200,
                            [&](store::Tx& tx, const Company& company) {
                              if (!unlink_staff(tx, company.id, user_id)) fail_not_found("该账号未关联本企业");
                              return Json{{"user_id", user_id}};
                            });
}

Response licence_photo_route(Context& context) {
  auto lease = context.read();
  Company company = require_company(*lease, context.path_id("id"));
  return media::cited_photo_reply(context, *lease, company.input.licence_photos, "该企业没有这张证照");
}

// --- Clusters ---

Response list_clusters_route(Context& context) {
  std::int64_t street_id = queried_street(context);
  auto lease = context.read();
  Json items = Json::array();
  for (const auto& cluster : clusters_of_street(*lease, street_id)) {
    items.push_back(cluster_json(*lease, cluster, today(context)));
  }
  return Response::json(200, {{"items", items}});
}

// One audited step on a cluster, answered with the cluster as it now is.
template <class Step>
Response cluster_step(Context& context, const std::string& action, int status, Step&& step) {
  std::string today_text = today(context);
  std::int64_t id = context.path_id("id");
  std::int64_t street_id = [&] {
    auto lease = context.read();
    return street_of_cluster(context, *lease, id);
  }();
  http::StepTarget<Cluster> target{id, "property_cluster", require_cluster, [&](store::Tx& tx, const Cluster& cluster) {
                                     return cluster_json(tx.connection(), cluster, today_text);
                                   }};
  return http::audited_step(context, target, action, status,
                            [&](store::Tx& tx, const Cluster& cluster) { return step(tx, cluster, street_id); });
}

Response add_operator_route(Context& context) {
  JsonObject body(context.json_body());
  std::int64_t company_id = http::body_id(context, body, "company_id");
  OperatorRole role = code_field(body, "role", parser_of(kOperatorRoles), "角色应为 lead 或 partner");
  std::string since = day_field(context, body, "since");
  body.finish();
  return cluster_step(context, "property.cluster.operator.start", 201,
                      [&](store::Tx& tx, const Cluster& cluster, std::int64_t street_id) {
                        company_of_street(tx.connection(), company_id, street_id, "company_id");
                        OperatorChange change =
                            check_new_operator(operators_of(tx.connection(), cluster.id), company_id, role, since);
                        std::optional<std::int64_t> user_id = context.user().user_id;
                        if (change.ended_lead_id) end_operator(tx, *change.ended_lead_id, change.ended_until, user_id);
                        std::int64_t operator_id = insert_operator(tx, cluster.id, company_id, role, since, user_id);
                        return Json{{"operator_id", operator_id},
                                    {"company_id", company_id},
                                    {"role", code_of(kOperatorRoles, role)},
                                    {"since", since},
                                    {"ended_lead_operator_id", or_null(change.ended_lead_id)}};
                      });
}

Response end_operator_route(Context& context) {
  std::int64_t operator_id = context.path_id("operator_id");
  JsonObject body(context.json_body());
  std::string until = day_field(context, body, "until");
  body.finish();
  return cluster_step(context, "property.cluster.operator.end", 200,
                      [&](store::Tx& tx, const Cluster& cluster, std::int64_t) {
                        auto op = find_operator(tx.connection(), operator_id);
                        if (!op || op->cluster_id != cluster.id) fail_not_found("该片区组团没有这个运营企业");
                        check_operator_end(*op, until);
                        end_operator(tx, op->id, until, context.user().user_id);
                        return Json{{"operator_id", op->id}, {"until", until}};
                      });
}

Response move_community_route(Context& context) {
  JsonObject body(context.json_body());
  std::int64_t community_id = http::body_id(context, body, "community_id");
  std::string on = day_field(context, body, "on");
  body.finish();
  return cluster_step(
      context, "property.cluster.community.move", 201,
      [&](store::Tx& tx, const Cluster& cluster, std::int64_t street_id) {
        auto community = org::find_node(tx.connection(), community_id);
        if (!community || community->kind != org::NodeKind::Community || org::street_of(community->path) != street_id) {
          throw ApiError(404, "not_found", "找不到该社区", "community_id");
        }
        auto from = cluster_of_community(tx.connection(), community_id);
        check_community_move(from, cluster.id, last_move_of_community(tx.connection(), community_id), on);
        org::move_community_to_cluster(tx, community_id, cluster.id);
        record_community_move(tx, community_id, from, cluster.id, on, context.user().user_id);
        return Json{{"community_id", community_id}, {"from_cluster_id", or_null(from)}, {"on", on}};
      });
}

Response cluster_history_route(Context& context) {
  auto lease = context.read();
  Cluster cluster = require_cluster(*lease, context.path_id("id"));
  return history_reply(context, *lease, cluster_history(*lease, cluster.id), [&](const auto& event) {
    Json item{{"on", event.on}, {"kind", event.kind}};
    if (event.company_id) item["company"] = company_ref(*lease, *event.company_id);
    if (event.community_node_id) {
      auto community = org::find_node(*lease, *event.community_node_id);
      item["community"] = {{"id", *event.community_node_id}, {"name", community ? community->name : ""}};
    }
    return item;
  });
}

// --- Contracts ---

// The contract as the caller may see it: a company's linked staff see only that company's contracts.
Contract visible_contract(Context& context, store::Connection& connection, std::int64_t id) {
  Contract contract = require_contract(connection, id);
  auto company = callers_company(context, connection);
  if (company && *company != contract.terms.company_id) fail_not_found("找不到该合同");
  return contract;
}

ContractTerms contract_fields(JsonObject& body, ContractTerms terms) {
  if (body.has("company_id")) terms.company_id = body.integer("company_id");
  if (body.has("starts_on")) terms.starts_on = body.text("starts_on");
  if (body.has("ends_on")) terms.ends_on = body.text("ends_on");
  if (body.has("base_fen")) terms.base_fen = body.integer("base_fen");
  if (body.has("pool_fen")) terms.pool_fen = body.integer("pool_fen");
  if (const Json* services = body.optional_any("services")) {
    terms.services = text_array(*services, "services", "字段 services 应为文字数组", "服务事项应为文字");
  }
  if (const Json* tiers = body.optional_any("gate_tiers")) {
    terms.gate_tiers = code_array(*tiers, "gate_tiers", "字段 gate_tiers 应为数组", parser_of(kGateTiers),
                                  "门岗层级应为 main、middle 或 small");
  }
  return terms;
}

// The company of a contract is one of its compound's street (404 naming company_id otherwise).
void check_contract_links(store::Connection& connection, const ContractTerms& terms) {
  auto compound = org::require_compound(connection, terms.compound_node_id);
  company_of_street(connection, terms.company_id, org::street_of(compound.path), "company_id");
}

Response list_contracts_route(Context& context) {
  auto state = http::query_code(context, "state", parser_of(kContractStates), "状态应为 draft、in_force 或 ended");
  auto company_text = context.query("company");
  std::optional<std::int64_t> company_id;
  if (company_text) company_id = context.parse_id(*company_text, "company");
  auto [lease, node] = org::read_queried_subtree(context);
  auto own = callers_company(context, *lease);
  Json items = Json::array();
  if (!own || !company_id || *company_id == *own) {
    for (const auto& contract : contracts_under(*lease, node.path, own ? own : company_id, state)) {
      items.push_back(contract_json(*lease, contract));
    }
  }
  return Response::json(200, {{"items", items}});
}

Response create_contract_route(Context& context) {
  JsonObject body(context.json_body());
  ContractTerms terms;
  terms.compound_node_id = http::body_id(context, body, "compound_id");
  terms.company_id = http::body_id(context, body, "company_id");
  terms.starts_on = body.text("starts_on");
  terms.ends_on = body.text("ends_on");
  terms.base_fen = body.integer("base_fen");
  terms.pool_fen = body.integer("pool_fen");
  terms = contract_fields(body, terms);
  body.finish();
  check_contract_terms(terms);
  return created(context, "property.contract.create", "property_contract", [&](store::Tx& tx) {
    check_contract_links(tx.connection(), terms);
    std::int64_t id = insert_contract(tx, terms);
    return std::pair{id, contract_json(tx.connection(), require_contract(tx.connection(), id))};
  });
}

Response get_contract_route(Context& context) {
  auto lease = context.read();
  return Response::json(200, contract_json(*lease, visible_contract(context, *lease, context.path_id("id"))));
}

// One audited step on a contract, answered with the contract as it now is.
template <class Step>
Response contract_step(Context& context, const std::string& action, Step&& step) {
  http::StepTarget<Contract> target{
      context.path_id("id"), "property_contract", require_contract,
      [](store::Tx& tx, const Contract& contract) { return contract_json(tx.connection(), contract); }};
  return http::audited_step(context, target, action, 200, step);
}

Response update_contract_route(Context& context) {
  JsonObject body(context.json_body());
  if (body.has("company_id")) http::body_id(context, body, "company_id");
  ContractTerms changes = contract_fields(body, ContractTerms{});
  std::set<std::string> given;
  for (const char* key : {"company_id", "starts_on", "ends_on", "base_fen", "pool_fen", "services", "gate_tiers"}) {
    if (body.has(key)) given.insert(key);
  }
  body.finish();
  return contract_step(context, "property.contract.update", [&](store::Tx& tx, const Contract& contract) {
    check_draft(contract);
    ContractTerms terms = contract.terms;
    if (given.contains("company_id")) terms.company_id = changes.company_id;
    if (given.contains("starts_on")) terms.starts_on = changes.starts_on;
    if (given.contains("ends_on")) terms.ends_on = changes.ends_on;
    if (given.contains("base_fen")) terms.base_fen = changes.base_fen;
    if (given.contains("pool_fen")) terms.pool_fen = changes.pool_fen;
    if (given.contains("services")) terms.services = changes.services;
    if (given.contains("gate_tiers")) terms.gate_tiers = changes.gate_tiers;
    check_contract_terms(terms);
    check_contract_links(tx.connection(), terms);
    update_contract_terms(tx, contract.id, terms);
    return Json{{"changed", Json(std::vector<std::string>(given.begin(), given.end()))}};
  });
}

// The facts of the vote a step names; an unknown vote is 404 naming vote_id.
VoteFacts require_vote_facts(store::Connection& connection, const VoteItem& vote) {
  auto facts = covenant::vote_facts(connection, vote.vote_id, vote.item);
  if (!facts) throw ApiError(404, "not_found", "找不到该表决", "vote_id");
  return *facts;
}

VoteItem vote_fields(Context& context, JsonObject& body) {
  std::int64_t vote_id = http::body_id(context, body, "vote_id");
  return VoteItem{vote_id, body.optional_integer("vote_item").value_or(1)};
}

Response adopt_contract_route(Context& context) {
  JsonObject body(context.json_body());
  VoteItem vote = vote_fields(context, body);
  std::string adopted_on = day_field(context, body, "adopted_on");
  body.finish();
  return contract_step(context, "property.contract.adopt", [&](store::Tx& tx, const Contract& contract) {
    auto previous = contract_in_force(tx.connection(), contract.terms.compound_node_id);
    check_adoption(contract, require_vote_facts(tx.connection(), vote), vote.item, adopted_on, previous);
    if (previous) end_contract(tx, previous->id, vote, adopted_on, "业主表决选聘新的物业服务企业");
    put_in_force(tx, contract.id, vote, adopted_on);
    return Json{{"vote_id", vote.vote_id},
                {"vote_item", vote.item},
                {"adopted_on", adopted_on},
                {"ended_contract_id", previous ? Json(previous->id) : Json(nullptr)}};
  });
}

Response end_contract_route(Context& context) {
  JsonObject body(context.json_body());
  VoteItem vote = vote_fields(context, body);
  std::string ended_on = day_field(context, body, "ended_on");
  std::string reason = body.text("reason");
  body.finish();
  return contract_step(context, "property.contract.end", [&](store::Tx& tx, const Contract& contract) {
    check_ending(contract, require_vote_facts(tx.connection(), vote), vote.item, ended_on, reason);
    end_contract(tx, contract.id, vote, ended_on, reason);
    return Json{{"vote_id", vote.vote_id}, {"vote_item", vote.item}, {"ended_on", ended_on}, {"reason", reason}};
  });
}

// What the compound's owners read of the contract in force: the company by name and origin, the term, the
// services and gate tiers and the vote that adopted it; not its money.
Response compound_contract_route(Context& context) {
  auto lease = context.read();
  auto compound = org::require_compound(*lease, context.path_id("id"));
  auto contract = contract_in_force(*lease, compound.id);
  if (!contract) return Response::json(200, {{"contract", nullptr}});
  Json json = contract_json(*lease, *contract);
  for (const char* money : {"base_fen", "pool_fen"}) json.erase(money);
  return Response::json(200, {{"contract", json}});
}

// --- Tasks ---

// The street's catalogue holds each service item (422 naming service_items[i] otherwise).
void check_task_items(store::Connection& connection, std::int64_t street_id, const std::vector<std::string>& codes) {
  for (std::size_t i = 0; i < codes.size(); ++i) {
    if (!cases::find_item_by_code(connection, street_id, codes[i])) {
      fail_unprocessable("本街道的服务事项目录中没有 " + codes[i], element_field("service_items", i));
    }
  }
}

Response list_tasks_route(Context& context) {
  std::int64_t street_id = queried_street(context);
  auto lease = context.read();
  Json items = Json::array();
  for (const auto& task : tasks_of_street(*lease, street_id)) items.push_back(task_json(*lease, task));
  return Response::json(200, {{"items", items}});
}

Response create_task_route(Context& context) {
  JsonObject body(context.json_body());
  TaskInput input;
  input.code = body.text("code");
  input.name = body.text("name");
  input.holder = optional_code_field(body, "holder", parser_of(kHolders), "承担方应为 community 或 property")
                     .value_or(Holder::Community);
  input.since = day_field(context, body, "since");
  if (const Json* items = body.optional_any("service_items")) {
    input.service_items = text_array(*items, "service_items", "字段 service_items 应为文字数组", "服务事项应为编码");
  }
  std::int64_t street_id = body_street_id(context, body);
  body.finish();
  check_task(input);
  return created(context, "property.task.create", "property_task", [&](store::Tx& tx) {
    std::int64_t street = org::require_street(tx.connection(), street_id).id;
    if (task_code_taken(tx.connection(), street, input.code)) fail_conflict("编码已被使用", "code");
    check_task_items(tx.connection(), street, input.service_items);
    std::int64_t id = insert_task(tx, street, input);
    return std::pair{id, task_json(tx.connection(), require_task(tx.connection(), id))};
  });
}

Response move_task_route(Context& context) {
  JsonObject body(context.json_body());
  Holder to = code_field(body, "holder", parser_of(kHolders), "承担方应为 community 或 property");
  std::string on = day_field(context, body, "on");
  std::string note = body.optional_text("note").value_or("");
  body.finish();
  http::StepTarget<Task> target{context.path_id("id"), "property_task", require_task,
                                [](store::Tx& tx, const Task& task) { return task_json(tx.connection(), task); }};
  return http::audited_step(context, target, "property.task.move", 200, [&](store::Tx& tx, const Task& task) {
    check_task_move(task, to, on, note);
    move_task(tx, task, TaskMove{on, task.input.holder, to, note, context.user().user_id});
    return Json{{"from", code_of(kHolders, task.input.holder)}, {"to", code_of(kHolders, to)}, {"on", on}};
  });
}

Response task_history_route(Context& context) {
  auto lease = context.read();
  Task task = require_task(*lease, context.path_id("id"));
  return history_reply(context, *lease, task_moves(*lease, task.id), [](const auto& move) {
    return Json{{"on", move.on},
                {"from", code_of(kHolders, move.from)},
                {"to", code_of(kHolders, move.to)},
                {"note", move.note}};
  });
}

}  // namespace

void add_routes(http::Router& router) {
  const std::string base = "/api/v1/property";
  auto street_read = Access::permission("property.read", street_read_scope);
  auto street_write = Access::permission("property.manage", body_street_scope);

  const std::string companies = base + "/companies";
  auto on_company = [](const char* permission) { return Access::permission(permission, company_scope()); };
  auto reading_company = Access::permission("property.read", company_read_scope());
  router.add(Method::Get, companies, street_read, list_companies_route);
  router.add(Method::Post, companies, street_write, create_company_route);
  router.add(Method::Get, companies + "/{id}", reading_company, get_company_route);
  router.add(Method::Patch, companies + "/{id}", on_company("property.manage"), update_company_route);
  router.add(Method::Post, companies + "/{id}/staff", on_company("property.manage"), link_staff_route);
  router.add(Method::Delete, companies + "/{id}/staff/{user_id}", on_company("property.manage"), unlink_staff_route);
  router.add(Method::Get, companies + "/{id}/licences/{photo}", reading_company, licence_photo_route);

  const std::string clusters = base + "/clusters";
  auto managing_cluster = Access::permission("property.manage", cluster_scope());
  router.add(Method::Get, clusters, street_read, list_clusters_route);
  router.add(Method::Post, clusters + "/{id}/operators", managing_cluster, add_operator_route);
  router.add(Method::Post, clusters + "/{id}/operators/{operator_id}/end", managing_cluster, end_operator_route);
  router.add(Method::Post, clusters + "/{id}/communities", managing_cluster, move_community_route);
  router.add(Method::Get, clusters + "/{id}/history", Access::permission("property.read", cluster_read_scope()),
             cluster_history_route);

  const std::string contracts = base + "/contracts";
  auto on_contract = [](const char* permission) { return Access::permission(permission, contract_scope()); };
  router.add(Method::Get, contracts, Access::permission("property.read", org::node_query_scope()),
             list_contracts_route);
  router.add(Method::Post, contracts, Access::permission("property.manage", http::scope::body_node("compound_id")),
             create_contract_route);
  router.add(Method::Get, contracts + "/{id}", on_contract("property.read"), get_contract_route);
  router.add(Method::Patch, contracts + "/{id}", on_contract("property.manage"), update_contract_route);
  router.add(Method::Post, contracts + "/{id}/adopt", on_contract("property.manage"), adopt_contract_route);
  router.add(Method::Post, contracts + "/{id}/end", on_contract("property.manage"), end_contract_route);
  router.add(Method::Get, base + "/compounds/{id}/contract",
             Access::permission("property.public.read", http::scope::path_node("id")), compound_contract_route);

  const std::string tasks = base + "/tasks";
  router.add(Method::Get, tasks, street_read, list_tasks_route);
  router.add(Method::Post, tasks, street_write, create_task_route);
  router.add(Method::Post, tasks + "/{id}/move", Access::permission("property.manage", task_scope()), move_task_route);
  router.add(Method::Get, tasks + "/{id}/history", Access::permission("property.read", task_read_scope()),
             task_history_route);
}

}  // namespace weizhi::property
