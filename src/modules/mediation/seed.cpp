// The mediation module's part of the demo street (both sizes), through the module's own store
// functions: gold mediators in 德胜社区 and 东二社区 (tagged through the people module where the
// registry has too few), and a dozen disputes in 德胜新村, 德胜坝小区 and 东二东三苑 across the
// states, with sessions, follow-up visits, one agreement found broken and reopened, and one dispute
// that came from a service case.
#include <algorithm>
#include <chrono>
#include <stdexcept>

#include "audit/audit.hpp"
#include "core/time.hpp"
#include "modules/cases/cases.hpp"
#include "modules/mediation/module.hpp"
#include "modules/mediation/rules.hpp"
#include "modules/mediation/store.hpp"
#include "modules/org/org.hpp"
#include "modules/people/people.hpp"

namespace weizhi::mediation {

namespace {

using Days = std::chrono::duration<std::int64_t, std::ratio<86400>>;

constexpr std::size_t kMediatorsPerCommunity = 2;

struct DisputeSeed {
  const char* compound;
  const char* category;
  const char* summary;
  const char* respondent;  // a free name: the other side is not always in the registry
  std::int64_t days_ago;   // when the dispute was recorded
  State state;             // where it ends up
  bool visited;            // agreed: a visit found the agreement kept
  bool reopened;           // agreed, found broken on a visit, and back in mediation
  bool from_case;          // came from the compound's elevator coordination case
};

// 德胜新村 first (the demo commissioner's compound), then 德胜坝小区 and 东二东三苑, whose
// community grew the street's gold mediators (docs/modules/mediation.md).
const DisputeSeed kDisputes[] = {
    {"desheng-xincun", "neighbour_noise", "楼上夜间拖动家具、孩子跑跳，楼下老人长期失眠", "楼上 602 室住户", 120,
     State::Agreed, true, false, false},
    {"desheng-xincun", "water_leak", "卫生间防水层老化，楼下天花板渗水发霉，双方对维修费用分担有争议",
     "楼上 402 室住户", 90, State::InMediation, false, true, false},
    {"desheng-xincun", "parking", "固定车位被他人长期占用，双方多次争吵", "占位车主", 20, State::InMediation, false,
     false, false},
    {"desheng-xincun", "pets", "邻居犬只夜间吠叫且不拴绳，居民担心老人小孩安全", "养犬住户", 3, State::Open, false,
     false, false},
    {"desheng-xincun", "elevator_retrofit", "加装电梯方案中一楼住户担心采光和噪声，不同意施工", "1 楼 101 室住户", 60,
     State::InMediation, false, false, true},
    {"desheng-xincun", "shared_space", "楼道公共部位被堆放杂物并加装铁门，邻居要求拆除", "3 楼 301 室住户", 75,
     State::NotAgreed, false, false, false},
    {"c-deshengba", "property_fee", "业主以服务不到位为由拒交物业费两年，物业起诉前申请调解", "物业项目部", 150,
     State::Agreed, true, false, false},
    {"c-deshengba", "neighbour_noise", "底商空调外机噪声影响楼上住户休息", "底商经营户", 40, State::Withdrawn, false,
     false, false},
    {"c-deshengba", "water_leak", "楼上装修破坏水管，楼下墙面被泡", "楼上装修户", 5, State::Open, false, false, false},
    {"dong-er-dong-san", "parking", "拆违后新划车位的分配方式引起两户争执", "2 幢住户代表", 100, State::Agreed, true,
     false, false},
    {"dong-er-dong-san", "shared_space", "一楼住户占用公共绿地种菜，邻居要求恢复绿化", "1 楼院落住户", 30,
     State::Agreed, false, false, false},
    {"dong-er-dong-san", "other", "相邻住户因窗户朝向和晾晒遮挡产生矛盾", "对门住户", 12, State::InMediation, false,
     false, false},
};

bool has_mediator_tag(const people::Person& person) {
  return std::find(person.tags.begin(), person.tags.end(), kMediatorTag) != person.tags.end();
}

// The community's gold mediators, tagging residents of `compound` (the latest registered, who are
// not the demo resident) until there are enough.
std::vector<std::int64_t> ensure_mediators(modules::SeedContext& seed, std::int64_t compound, std::int64_t& tagged) {
  std::int64_t community = *community_of(seed.tx.connection(), compound);
  std::vector<std::int64_t> ids;
  for (const auto& person : mediators_of(seed.tx.connection(), community)) ids.push_back(person.id);
  auto candidates = seed.tx.query(
      "SELECT id FROM people WHERE home_node_id = ? AND is_developer = 0 AND id NOT IN "
      "(SELECT person_id FROM users WHERE person_id IS NOT NULL) ORDER BY id DESC",
      {compound});
  for (const auto& row : candidates) {
    if (ids.size() >= kMediatorsPerCommunity) break;
    auto person = people::find_person(seed.tx.connection(), row.i64(0));
    if (has_mediator_tag(*person)) continue;
    people::PersonChange change;
    change.tags = person->tags;
    change.tags->push_back(kMediatorTag);
    people::update_person(seed.tx, seed.data_key, person->id, change);
    ids.push_back(person->id);
    ++tagged;
  }
  if (ids.empty())
    throw std::runtime_error("demo seed: nobody to tag as a gold mediator in compound " + std::to_string(compound));
  return ids;
}

}  // namespace

void seed_demo(modules::SeedContext& seed) {
  store::Tx& tx = seed.tx;
  TimePoint now = tx.now();
  auto day = [&](std::int64_t days_ago) { return street_date(now - Days(days_ago)); };
  std::int64_t commissioner = modules::demo_user_id(tx, "commissioner");
  std::int64_t secretary = modules::demo_user_id(tx, "secretary");
  std::int64_t admin = modules::demo_user_id(tx, "admin");
  std::int64_t tagged = 0, made = 0;
  std::size_t turn = 0;
  for (const auto& entry : kDisputes) {
    std::int64_t compound = seed.node(entry.compound);
    auto mediators = ensure_mediators(seed, compound, tagged);
    std::int64_t user = std::string(entry.compound) == "desheng-xincun" ? commissioner
                        : std::string(entry.compound) == "c-deshengba"  ? secretary
                                                                        : admin;
    Details details;
    details.compound_node_id = compound;
    details.category = entry.category;
    details.summary = entry.summary;
    details.mediator_person_id = mediators[turn++ % mediators.size()];
    // The applicant is a resident of the registry, a different one for each dispute.
    std::vector<std::int64_t> applicants;
    for (const auto& row :
         tx.query("SELECT id FROM people WHERE home_node_id = ? AND is_developer = 0 ORDER BY id", {compound})) {
      if (std::find(mediators.begin(), mediators.end(), row.i64(0)) == mediators.end())
        applicants.push_back(row.i64(0));
    }
    if (applicants.empty()) {
      details.parties.push_back(PartyInput{std::nullopt, "楼下住户", Role::Applicant});
    } else {
      details.parties.push_back(
          PartyInput{applicants[static_cast<std::size_t>(made) % applicants.size()], "", Role::Applicant});
    }
    details.parties.push_back(PartyInput{std::nullopt, entry.respondent, Role::Respondent});
    if (entry.from_case) {
      cases::CaseFilter filter;
      filter.item_code = "elevator-coordination";
      auto found = cases::list_cases(tx.connection(), *people::node_path(tx.connection(), compound), filter, now);
      if (!found.empty()) details.case_id = found.front().id;
      details.parties.push_back(PartyInput{std::nullopt, "加装电梯工作小组", Role::Other});
    }
    std::int64_t id = create_mediation(tx, details, user);
    tx.exec("UPDATE mediations SET created_at = ? WHERE id = ?", {iso_utc(now - Days(entry.days_ago)), id});
    ++made;
    auto current = [&] { return *find_mediation(tx.connection(), id); };
    auto step = [&](State to, std::optional<std::string> agreement, std::optional<std::string> signed_on,
                    std::optional<std::string> reason) {
      transition(tx, current(),
                 TransitionInput{to, std::move(agreement), std::move(signed_on), std::move(reason), user});
    };
    if (entry.state == State::Withdrawn) step(State::Withdrawn, std::nullopt, std::nullopt, "双方已自行协商解决");
    if (entry.state == State::Open || entry.state == State::Withdrawn) continue;
    add_session(tx, current(),
                SessionInput{day(entry.days_ago - 2),
                             "社区矛盾调解室",
                             {0, 1},
                             "听取双方陈述，明确争议焦点，约定现场查看",
                             "现场查看后再次调解"},
                user);
    if (entry.state == State::InMediation && !entry.reopened) continue;
    add_session(
        tx, current(),
        SessionInput{day(entry.days_ago * 2 / 3), "小区议事厅", {0, 1}, "调解员提出方案，双方各退一步", "起草调解协议"},
        user);
    if (entry.state == State::NotAgreed) {
      step(State::NotAgreed, std::nullopt, std::nullopt, "被申请人不接受方案，已告知可向人民调解委员会或法院申请");
      continue;
    }
    std::int64_t signed_days = entry.days_ago / 2;
    step(State::Agreed, "双方同意按调解方案履行，费用按约定分担，后续由调解员回访", day(signed_days), std::nullopt);
    if (entry.visited) {
      add_follow_up(tx, current(), FollowUpInput{day(signed_days / 2), "双方表示协议正在履行，关系缓和", true}, user);
    }
    if (entry.reopened) {
      add_follow_up(tx, current(), FollowUpInput{day(signed_days / 2), "维修后再次渗水，楼上住户拒绝再次维修", false},
                    user);
      step(State::InMediation, std::nullopt, std::nullopt, "协议未履行，重新调解");
    }
  }
  audit::record(tx, "cli:seed", "mediation.seed", "mediations", {{"disputes", made}, {"mediators_tagged", tagged}});
}

}  // namespace weizhi::mediation
