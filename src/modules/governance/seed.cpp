// The governance module's part of the demo street (docs/rules.md#figures): a party committee, secretary
// and tripartite office director per community; party forms over the compounds (5 single
// branches, 24 joint associations, 德胜新村 led directly by 德胜社区党委 with 13 branches); 29
// commissioners anchoring the 30 compounds (25 from the community two committees, 23 also party
// secretaries); grids over each community's buildings; a few social organisations. With fewer
// compounds than the full street the same shares are kept, rounded.
#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "audit/audit.hpp"
#include "modules/governance/module.hpp"
#include "modules/governance/store.hpp"
#include "modules/people/people.hpp"

namespace weizhi::governance {

namespace {

// The street of the article: 30 compounds, of which 29 besides the one led by the community.
constexpr std::int64_t kArticleOtherCompounds = 29;
constexpr std::int64_t kArticleSingleBranches = 5;
constexpr std::int64_t kArticleCommissioners = 29;
constexpr std::int64_t kArticleFromTwoCommittees = 25;
constexpr std::int64_t kArticleAlsoPartySecretary = 23;
constexpr int kDirectCompoundBranches = 13;
constexpr const char* kDirectCompoundCode = "desheng-xincun";

// A fixed linear congruential generator: the same street on every machine and library.
class Lcg {
 public:
  std::uint32_t next() {
    state_ = state_ * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<std::uint32_t>(state_ >> 33);
  }
  std::int64_t between(std::int64_t low, std::int64_t high) {
    return low + static_cast<std::int64_t>(next() % static_cast<std::uint32_t>(high - low + 1));
  }

 private:
  std::uint64_t state_ = 20200611;
};

const char* const kSurnames[] = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱",
                                 "胡", "郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯",
                                 "邓", "曹", "彭", "曾", "沈", "姚", "蒋", "蔡", "叶", "程", "钱", "汪"};
const char* const kGivenParts[] = {"建", "国", "华", "明", "丽", "芳", "敏", "静", "伟", "强", "军", "平", "红", "霞",
                                   "英", "杰", "勇", "涛", "斌", "燕", "玲", "兰", "萍", "秀", "志", "海", "春", "晓",
                                   "辉", "鹏", "宇", "琳", "慧", "婷", "雪", "梅", "文", "荣", "忠", "倩"};

std::string chinese_number(int n) {
  static const char* const digits[] = {"", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
  if (n < 10) return digits[n];
  return std::string(n >= 20 ? digits[n / 10] : "") + "十" + digits[n % 10];
}

// Exactly `chosen` of `count` indices, spread evenly: true for index i when the running share
// of chosen ones steps up there.
bool spread(std::int64_t i, std::int64_t count, std::int64_t chosen) {
  return count > 0 && (i + 1) * chosen / count > i * chosen / count;
}

// `count` × share of the article's figure, rounded half up.
std::int64_t share(std::int64_t count, std::int64_t figure, std::int64_t article_total) {
  return (2 * count * figure + article_total) / (2 * article_total);
}

struct SeedNode {
  std::int64_t id;
  std::string name;
  std::optional<std::string> code;
  std::int64_t parent_id;
};

std::vector<SeedNode> nodes_of_kind(store::Tx& tx, const std::string& kind) {
  std::vector<SeedNode> nodes;
  for (const auto& row :
       tx.query("SELECT id, name, code, parent_id FROM org_nodes WHERE kind = ? ORDER BY id", {kind})) {
    nodes.push_back(SeedNode{row.i64(0), row.text(1), row.optional_text(2), row.i64(3)});
  }
  return nodes;
}

const SeedNode* by_code(const std::vector<SeedNode>& nodes, const std::string& code) {
  for (const auto& node : nodes) {
    if (node.code == code) return &node;
  }
  return nullptr;
}

class StreetSeeder {
 public:
  explicit StreetSeeder(modules::SeedContext& seed)
      : seed_(seed),
        communities_(nodes_of_kind(seed.tx, "community")),
        compounds_(nodes_of_kind(seed.tx, "compound")) {}

  void run() {
    seed_community_leadership();
    plan_commissioners();
    seed_grids();
    seed_commissioners();
    seed_party_forms();
    seed_social_orgs();
    link_demo_accounts();
    audit::record(seed_.tx, "cli:seed", "governance.seed", "street",
                  {{"communities", communities_.size()},
                   {"compounds", compounds_.size()},
                   {"commissioners", commissioner_people_.size()},
                   {"party_orgs", party_orgs_}});
  }

 private:
  std::int64_t person(std::int64_t home_node_id, bool party_member, std::vector<std::string> tags = {}) {
    people::PersonInput input;
    input.home_node_id = home_node_id;
    input.name = plausible_name();
    // A work mobile each, so the lists that reach them have a number to show (masked); counted, not
    // drawn, so the names drawn after it stay those of earlier seeds.
    std::string serial = std::to_string(++staff_phones_);
    input.phone = "1890571" + std::string(4 - serial.size(), '0') + serial;
    input.birth_year = random_.between(1962, 1990);
    input.party_member = party_member;
    input.tags = std::move(tags);
    return people::create_person(seed_.tx, seed_.data_key, input);
  }

  std::string plausible_name() {
    std::string name = kSurnames[random_.next() % std::size(kSurnames)];
    int given = random_.next() % 3 == 0 ? 1 : 2;
    for (int i = 0; i < given; ++i) name += kGivenParts[random_.next() % std::size(kGivenParts)];
    return name;
  }

  void seed_community_leadership() {
    for (const auto& community : communities_) {
      std::int64_t secretary = person(community.id, true);
      std::int64_t director = person(community.id, true);
      set_community_position(seed_.tx, community.id, CommunityPosition::Secretary, secretary);
      set_community_position(seed_.tx, community.id, CommunityPosition::TripartiteDirector, director);
      create_party_org(seed_.tx, {PartyOrgKind::Committee, community.name + "党委", community.id, secretary, {}});
      ++party_orgs_;
      secretaries_[community.id] = secretary;
      directors_[community.id] = director;
    }
  }

  // One person per compound, except that one person anchors the last two compounds of a
  // community (never 德胜新村): 29 people for the 30 compounds of the street.
  void plan_commissioners() {
    std::optional<std::size_t> shared;
    for (std::size_t i = compounds_.size(); i-- > 1;) {
      const auto& last = compounds_[i];
      const auto& before = compounds_[i - 1];
      if (last.parent_id == before.parent_id && last.code != kDirectCompoundCode &&
          before.code != kDirectCompoundCode) {
        shared = i;
        break;
      }
    }
    for (std::size_t i = 0; i < compounds_.size(); ++i) {
      if (shared && i == *shared) {
        commissioner_of_[compounds_[i].id] = commissioner_of_[compounds_[i - 1].id];
        continue;
      }
      commissioner_of_[compounds_[i].id] = person(compounds_[i].id, true, {"social_worker"});
      commissioner_people_.push_back(commissioner_of_[compounds_[i].id]);
    }
  }

  // 2 or 3 grids per community, each a run of its buildings, chiefed by the commissioner of the
  // compound its first building stands in.
  void seed_grids() {
    for (std::size_t c = 0; c < communities_.size(); ++c) {
      const auto& community = communities_[c];
      std::vector<std::pair<std::int64_t, std::int64_t>> buildings;  // building, compound
      for (const auto& row :
           seed_.tx.query("SELECT b.id, b.parent_id FROM org_nodes b JOIN org_nodes c ON c.id = b.parent_id "
                          "WHERE b.kind = 'building' AND c.parent_id = ? ORDER BY c.id, b.id",
                          {community.id})) {
        buildings.emplace_back(row.i64(0), row.i64(1));
      }
      std::int64_t count = static_cast<std::int64_t>(buildings.size());
      std::int64_t grids = std::min<std::int64_t>(count, 2 + static_cast<std::int64_t>(c % 2));
      for (std::int64_t g = 0; g < grids; ++g) {
        GridInput grid{
            community.id, community.name + "第" + chinese_number(static_cast<int>(g + 1)) + "网格", std::nullopt, {}};
        for (std::int64_t b = g * count / grids; b < (g + 1) * count / grids; ++b) {
          grid.building_ids.push_back(buildings[b].first);
        }
        std::int64_t chief = commissioner_of_[buildings[g * count / grids].second];
        grid.chief_person_id = chief;
        grid_chiefs_.insert(chief);
        create_grid(seed_.tx, grid);
      }
    }
  }

  void seed_commissioners() {
    std::int64_t people_count = static_cast<std::int64_t>(commissioner_people_.size());
    std::int64_t from_two = share(people_count, kArticleFromTwoCommittees, kArticleCommissioners);
    std::int64_t also_secretary = share(people_count, kArticleAlsoPartySecretary, kArticleCommissioners);
    std::map<std::int64_t, std::int64_t> rank;
    for (std::int64_t k = 0; k < people_count; ++k) rank[commissioner_people_[k]] = k;
    std::int64_t line = 0;
    for (const auto& compound : compounds_) {
      std::int64_t person_id = commissioner_of_[compound.id];
      std::int64_t k = rank[person_id];
      // Each compound's commissioner answers on a service line of the street's exchange.
      CommissionerInput input{person_id,
                              compound.id,
                              spread(k, people_count, from_two),
                              spread(k, people_count, also_secretary),
                              true,
                              grid_chiefs_.count(person_id) > 0,
                              "0571-8802" + std::to_string(1001 + line++)};
      assign_commissioner(seed_.tx, input);
      if (input.also_party_secretary) party_secretary_of_[compound.id] = person_id;
    }
  }

  void seed_party_forms() {
    std::vector<const SeedNode*> others;
    for (const auto& compound : compounds_) {
      if (compound.code == kDirectCompoundCode) {
        set_compound_party(seed_.tx, compound.id, true, std::nullopt);
        seed_branches(compound, kDirectCompoundBranches);
      } else {
        others.push_back(&compound);
      }
    }
    std::int64_t count = static_cast<std::int64_t>(others.size());
    std::int64_t singles = share(count, kArticleSingleBranches, kArticleOtherCompounds);
    for (std::int64_t i = 0; i < count; ++i) {
      seed_branches(*others[i], spread(i, count, singles) ? 1 : static_cast<int>(random_.between(2, 4)));
    }
  }

  // The compound's branches; the first is led by the commissioner when they are also its party
  // secretary, the others by party members living there.
  void seed_branches(const SeedNode& compound, int branches) {
    for (int b = 1; b <= branches; ++b) {
      std::string name = compound.name + (branches == 1 ? "" : "第" + chinese_number(b)) + "党支部";
      auto secretary = party_secretary_of_.find(compound.id);
      std::int64_t secretary_id =
          b == 1 && secretary != party_secretary_of_.end() ? secretary->second : person(compound.id, true);
      create_party_org(seed_.tx, {PartyOrgKind::Branch, name, compound.parent_id, secretary_id, {compound.id}});
      ++party_orgs_;
    }
  }

  void seed_social_orgs() {
    if (communities_.empty()) return;
    const SeedNode* desheng = by_code(communities_, "desheng");
    const SeedNode* cuiyu = by_code(communities_, "cuiyu");
    const SeedNode& mediation_home = desheng ? *desheng : communities_.front();
    const SeedNode& elderly_home = cuiyu ? *cuiyu : communities_.back();
    create_social_org(seed_.tx, {mediation_home.name + "金牌调解工作室", mediation_home.id,
                                 "邻里纠纷调解：金牌调解员坐班，重大矛盾上报三方办",
                                 person(mediation_home.id, true, {"gold_mediator"})});
    create_social_org(seed_.tx,
                      {elderly_home.name + "银龄关爱志愿服务队", elderly_home.id, "独居、高龄老人定期探访，助餐助医",
                       person(elderly_home.id, false, {"party_member_volunteer"})});
    if (compounds_.empty()) return;
    const SeedNode* renovated = by_code(compounds_, "dong-er-dong-san");
    const SeedNode& site = renovated ? *renovated : compounds_.front();
    create_social_org(seed_.tx, {site.name + "改造民间监督小组", site.id, "老旧小区改造施工质量、进度与安全的居民监督",
                                 person(site.id, false, {"civic_supervisor"})});
  }

  // The demo accounts act as the people of 德胜社区's chain, so the chain shows who is signed in.
  void link_demo_accounts() {
    auto link = [&](const char* login, std::int64_t person_id) {
      seed_.tx.exec("UPDATE users SET person_id = ? WHERE login = ?", {person_id, login});
    };
    if (const SeedNode* desheng = by_code(communities_, "desheng")) {
      link("secretary", secretaries_[desheng->id]);
      link("director", directors_[desheng->id]);
    }
    if (const SeedNode* xincun = by_code(compounds_, kDirectCompoundCode))
      link("commissioner", commissioner_of_[xincun->id]);
  }

  modules::SeedContext& seed_;
  Lcg random_;
  std::vector<SeedNode> communities_;
  std::vector<SeedNode> compounds_;
  std::map<std::int64_t, std::int64_t> secretaries_;         // community → person
  std::map<std::int64_t, std::int64_t> directors_;           // community → person
  std::map<std::int64_t, std::int64_t> commissioner_of_;     // compound → person
  std::map<std::int64_t, std::int64_t> party_secretary_of_;  // compound → commissioner who is its party secretary
  std::vector<std::int64_t> commissioner_people_;            // distinct, in order of their first compound
  std::set<std::int64_t> grid_chiefs_;
  std::int64_t party_orgs_ = 0;
  std::int64_t staff_phones_ = 0;
};

}  // namespace

void seed_demo(modules::SeedContext& seed) { StreetSeeder(seed).run(); }

}  // namespace weizhi::governance
