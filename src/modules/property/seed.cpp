// The demo street's property companies, clusters, contracts and task catalogue (docs/rules.md#figures): three
// companies, two local and one external; each of the three clusters led by one, the north one (德胜, 翠玉) by the
// external company with a local partner, the one joint operation (以大带小); every compound under a contract in
// force with its cluster's lead, the pilot's 16 adopted by passed votes of matter 4; 17 tasks moved from the
// social workers to the companies and 3 still theirs. The demo property accounts work for the external company.
#include <algorithm>
#include <chrono>
#include <map>

#include "audit/audit.hpp"
#include "modules/org/org.hpp"
#include "modules/property/module.hpp"
#include "modules/property/rules.hpp"
#include "modules/property/store.hpp"
#include "modules/voting/voting.hpp"

namespace weizhi::property {

namespace {

using Days = std::chrono::duration<std::int64_t, std::ratio<86400>>;

struct CompanySeed {
  const char* name;
  const char* credit_code;
  Origin origin;
  std::vector<std::string> specialities;
  Contact contact;
};

// The credit codes' check characters are computed as GB 32100-2015 has it (rules.cpp).
const CompanySeed kExternal{"新南北物业服务有限公司",
                            "91330106MA27XNB40K",
                            Origin::External,
                            {"专业化物业管理", "大门保安专业管理", "智慧安防"},
                            {"周建平", "项目总监", "0571-85120001"}};
const CompanySeed kHotelStyle{"德翠旅居物业管理有限公司",
                              "91330105MA2CDM8R1N",
                              Origin::Local,
                              {"旅馆式管理", "门岗值守"},
                              {"沈丽华", "总经理", "0571-88230017"}};
const CompanySeed kCleaning{"君尚物业管理有限公司",
                            "91330105MA2H0JB1X8",
                            Origin::Local,
                            {"保洁", "绿化养护"},
                            {"陈国强", "经理", "0571-88690342"}};

struct OperatorSeed {
  const char* cluster_code;
  const CompanySeed* lead;
  const CompanySeed* partner;
};

const OperatorSeed kOperators[] = {
    {"cluster-north", &kExternal, &kHotelStyle},
    {"cluster-east", &kCleaning, nullptr},
    {"cluster-southwest", &kHotelStyle, nullptr},
};
constexpr const char* kOperatorsSince = "2025-01-01";

struct TaskSeed {
  const char* code;
  const char* name;
  std::vector<std::string> service_items;
  const char* moved_on;  // nullptr: still the social workers'
};

const TaskSeed kTasks[] = {
    {"parking", "停车管理", {"parking-order", "bicycle-shed"}, "2025-03-01"},
    {"illegal-structure-patrol", "违建巡查", {"illegal-structure"}, "2025-03-01"},
    {"stairwell-clutter", "楼道堆物清理", {"stairwell-clutter"}, "2025-03-01"},
    {"ebike-charging", "电动自行车充电管理", {"ebike-charging"}, "2025-04-01"},
    {"fire-lane", "消防通道及器材巡查", {"fire-lane", "fire-equipment"}, "2025-04-01"},
    {"bulky-waste", "大件及装修垃圾清运", {"bulky-waste", "renovation-waste"}, "2025-05-01"},
    {"greenery", "绿化养护", {"greenery-pruning", "tree-hazard"}, "2025-05-01"},
    {"drainage", "雨污管道疏通及汛前检查", {"drain-blockage", "flood-prevention"}, "2025-06-01"},
    {"public-facilities",
     "公共设施报修",
     {"street-lamp", "stairwell-light", "fitness-equipment", "mailbox", "manhole-cover"},
     "2025-06-01"},
    {"gate-duty", "门岗值守及门禁管理", {"gate-access"}, "2025-07-01"},
    {"cctv", "监控设施维护", {"cctv"}, "2025-07-01"},
    {"pest-control", "四害消杀", {"pest-control"}, "2025-09-01"},
    {"wall-ads", "小广告清理", {"wall-ads"}, "2025-09-01"},
    {"night-patrol", "夜间安全巡逻", {"security-patrol"}, "2025-11-01"},
    {"septic-tank", "化粪池清掏", {"septic-tank"}, "2026-01-01"},
    {"house-safety", "房屋外墙及屋面巡查", {"facade-tiles", "roof-leak"}, "2026-03-01"},
    {"elevator-repair", "电梯故障报修", {"elevator-fault"}, "2026-05-01"},
    {"waste-sorting", "垃圾分类督导", {"waste-sorting"}, nullptr},
    {"elderly-visits", "独居老人关爱走访", {"lonely-elderly"}, nullptr},
    {"neighbour-mediation", "邻里纠纷调解", {"neighbour-dispute"}, nullptr},
};
constexpr const char* kTasksSince = "2023-01-01";

std::int64_t seed_company(store::Tx& tx, std::int64_t street, const CompanySeed& company) {
  return insert_company(
      tx, street,
      CompanyInput{company.name, company.credit_code, company.origin, company.specialities, {company.contact}, {}});
}

// A vote of matter 4 on the compound that its owners passed, published.
std::int64_t passed_property_vote(store::Tx& tx, std::int64_t compound, const std::string& company,
                                  std::int64_t organiser, TimePoint opened, TimePoint closed) {
  voting::VoteInput input{compound,
                          "关于选聘" + company + "的表决",
                          4,
                          voting::VoteScope{},
                          {"同意选聘" + company + "为本小区物业服务企业，服务期三年"},
                          iso_utc(opened),
                          iso_utc(closed),
                          {voting::Channel::Online, voting::Channel::Paper},
                          voting::Policies{}};
  std::int64_t id =
      voting::create_vote(tx, voting::check_vote_terms(input, voting::terms_facts(tx.connection(), input)), organiser);
  voting::seed_passed_vote(tx, id, organiser, opened, closed);
  return id;
}

ContractTerms demo_terms(std::int64_t compound, std::int64_t company, const std::string& starts_on,
                         const std::string& ends_on, std::int64_t parts) {
  // A month's base pay grows with the homes served (¥10,000 and ¥10 a home); the performance pool is a fifth of it.
  // Sized so that a community's funding and own revenue cover its compounds' base and whole pools.
  std::int64_t base_fen = 1'000'000 + 1'000 * parts;
  return ContractTerms{compound,
                       company,
                       starts_on,
                       ends_on,
                       base_fen,
                       base_fen / 5,
                       {"parking-order", "stairwell-clutter", "greenery-pruning", "gate-access", "security-patrol"},
                       {GateTier::Main, GateTier::Middle, GateTier::Small}};
}

struct ContractCount {
  std::int64_t by_vote = 0;
  std::int64_t recorded = 0;
};

// Each compound of the cluster's communities under a contract with the cluster's lead.
void seed_contracts(store::Tx& tx, const Cluster& cluster, std::int64_t lead, const std::string& lead_name,
                    std::int64_t organiser, ContractCount& count) {
  TimePoint now = tx.now();
  TimePoint opened = now - Days(400);
  TimePoint closed = opened + Days(14);
  std::string adopted_on = street_date(closed + Days(6));
  std::string ends_on = street_date(closed + Days(6 + 3 * 365));
  for (const auto& community : cluster.communities) {
    auto node = org::find_node(tx.connection(), community.id);
    bool pilot = std::any_of(std::begin(kPilotCommunities), std::end(kPilotCommunities),
                             [&](const char* code) { return node->code == code; });
    for (const auto& compound : org::child_records(tx.connection(), community.id, 0, 1000)) {
      auto counts = org::subtree_counts(tx.connection(), compound.node);
      std::int64_t id =
          insert_contract(tx, demo_terms(compound.node.id, lead, adopted_on, ends_on, counts[org::NodeKind::Part]));
      std::optional<VoteItem> vote;
      if (pilot) vote = VoteItem{passed_property_vote(tx, compound.node.id, lead_name, organiser, opened, closed), 1};
      put_in_force(tx, id, vote, adopted_on);
      ++(vote ? count.by_vote : count.recorded);
    }
  }
}

}  // namespace

void seed_demo(modules::SeedContext& seed) {
  store::Tx& tx = seed.tx;
  std::int64_t street = seed.node("street");
  std::int64_t admin = modules::demo_user_id(tx, "admin");
  std::map<const CompanySeed*, std::int64_t> companies;
  for (const CompanySeed* company : {&kExternal, &kHotelStyle, &kCleaning}) {
    companies[company] = seed_company(tx, street, *company);
  }
  for (const char* login : {"property", "property-staff"}) {
    link_staff(tx, companies[&kExternal], modules::demo_user_id(tx, login));
  }

  ContractCount contracts;
  for (const auto& cluster : clusters_of_street(tx.connection(), street)) {
    for (const auto& seeded : kOperators) {
      if (cluster.code != seeded.cluster_code) continue;
      insert_operator(tx, cluster.id, companies[seeded.lead], OperatorRole::Lead, kOperatorsSince, std::nullopt);
      if (seeded.partner) {
        insert_operator(tx, cluster.id, companies[seeded.partner], OperatorRole::Partner, kOperatorsSince,
                        std::nullopt);
      }
      seed_contracts(tx, cluster, companies[seeded.lead], seeded.lead->name, admin, contracts);
    }
  }

  std::int64_t moved = 0;
  for (const auto& task : kTasks) {
    std::int64_t id =
        insert_task(tx, street, TaskInput{task.code, task.name, Holder::Community, kTasksSince, task.service_items});
    if (!task.moved_on) continue;
    move_task(tx, *find_task(tx.connection(), id),
              TaskMove{task.moved_on, Holder::Community, Holder::Property, "移交物业企业承接", admin});
    ++moved;
  }
  audit::record(tx, "cli:seed", "property.seed", "property",
                {{"companies", static_cast<std::int64_t>(companies.size())},
                 {"contracts_by_vote", contracts.by_vote},
                 {"contracts_recorded", contracts.recorded},
                 {"tasks", static_cast<std::int64_t>(std::size(kTasks))},
                 {"tasks_moved", moved}});
}

}  // namespace weizhi::property
