// The people module's part of the demo street: an owner for every residential and commercial
// part, some co-owned parts (one designated voter), owners of a second part, a developer holding
// unsold parts in two compounds, tenants, party members, a few dozen talents, and the person
// behind the demo account `resident`. Deterministic: a fixed-seed generator and plain arithmetic.
// The street is drawn first and written after, people and links each in a few dozen statements.
#include <algorithm>
#include <map>
#include <random>
#include <set>

#include <fmt/format.h>

#include "audit/audit.hpp"
#include "modules/people/module.hpp"
#include "modules/people/people.hpp"
#include "modules/people/rules.hpp"
#include "modules/people/store.hpp"

namespace weizhi::people {

namespace {

constexpr const char* kSurnames[] = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马",
                                     "朱", "胡", "郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许",
                                     "韩", "冯", "邓", "曹", "彭", "曾", "肖", "田", "董", "袁", "潘", "于", "蒋",
                                     "蔡", "余", "杜", "叶", "程", "苏", "魏", "吕", "丁", "任", "沈", "姚", "卢",
                                     "姜", "崔", "钟", "谭", "陆", "汪", "范", "金", "方", "俞", "章", "楼"};
constexpr const char* kGivenCharacters[] = {
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀",
    "霞", "平", "刚", "桂", "英", "华", "建", "国", "文", "红", "玉", "兰", "志", "海", "林", "春", "梅", "荣",
    "德", "福", "根", "宝", "琴", "云", "亮", "晨", "婷", "雪", "浩", "宇", "欣", "佳", "斌", "凤", "萍", "忠"};
constexpr const char* kMobilePrefixes[] = {"138", "139", "137", "136", "135", "150", "151", "152", "158",
                                           "159", "186", "187", "188", "189", "133", "153", "177", "180",
                                           "181", "199", "130", "131", "132", "155", "156", "185", "173"};
// 拱墅区 (Gongshu District, Hangzhou): where the street's residents are mostly registered.
constexpr const char* kAreaCode = "330105";
constexpr const char* kDeveloperName = "杭州大关置业有限公司";
constexpr const char* kResidentCompoundCode = "desheng-xincun";

template <class T, std::size_t N>
constexpr std::size_t count_of(const T (&)[N]) {
  return N;
}

// Draws from a fixed-seed Mersenne twister with its own arithmetic, so the street is the same everywhere.
class Draw {
 public:
  std::uint32_t below(std::uint32_t bound) { return static_cast<std::uint32_t>(engine_() % bound); }
  bool percent(std::uint32_t chance) { return below(100) < chance; }
  std::int64_t between(std::int64_t low, std::int64_t high) {
    return low + static_cast<std::int64_t>(below(static_cast<std::uint32_t>(high - low + 1)));
  }

 private:
  std::mt19937 engine_{20210713};
};

struct SeedPart {
  std::int64_t part_id;
  std::int64_t compound_id;
  std::string compound_code;
};

// Residential and commercial parts with their compound, in id order: one query for the whole street.
std::vector<SeedPart> owned_parts(store::Tx& tx) {
  std::vector<SeedPart> parts;
  auto rows = tx.query(
      "SELECT p.node_id, compound.id, compound.code FROM parts p "
      "JOIN org_nodes part ON part.id = p.node_id JOIN org_nodes unit ON unit.id = part.parent_id "
      "JOIN org_nodes building ON building.id = unit.parent_id "
      "JOIN org_nodes compound ON compound.id = building.parent_id "
      "WHERE p.use IN ('residential', 'commercial') ORDER BY p.node_id");
  for (const auto& row : rows) parts.push_back(SeedPart{row.i64(0), row.i64(1), row.text(2)});
  return parts;
}

// The people drawn so far, in the order they are created; a person is known by their place in it
// until the people are written and get their ids.
class PeopleMaker {
 public:
  // Every `talent_step`-th owner gets a talent tag: a few dozen over the street.
  PeopleMaker(Draw& draw, std::size_t talent_step) : draw_(draw), talent_step_(talent_step) {}

  std::size_t owner(std::int64_t compound_id) {
    std::vector<std::string> tags;
    if (owners_++ % talent_step_ == 0) tags.push_back(talent_tags()[talents_++ % talent_tags().size()]);
    return make(compound_id, 1935, 1995, std::move(tags));
  }
  std::size_t tenant(std::int64_t compound_id) { return make(compound_id, 1970, 2003, {}); }
  // The developer, a company with no phone or ID number, not counted among the residents made.
  std::size_t developer(std::int64_t compound_id) {
    inputs_.push_back(
        PersonInput{compound_id, kDeveloperName, std::nullopt, std::nullopt, std::nullopt, false, {}, true});
    return inputs_.size() - 1;
  }

  const std::vector<PersonInput>& inputs() const { return inputs_; }
  std::int64_t made() const { return made_; }
  std::int64_t talents() const { return talents_; }

 private:
  // A plausible resident of `compound_id` born between the years given.
  std::size_t make(std::int64_t compound_id, std::int64_t born_from, std::int64_t born_to,
                   std::vector<std::string> tags) {
    PersonInput input;
    input.home_node_id = compound_id;
    input.name = kSurnames[draw_.below(count_of(kSurnames))];
    int given = draw_.percent(70) ? 2 : 1;
    for (int i = 0; i < given; ++i) input.name += kGivenCharacters[draw_.below(count_of(kGivenCharacters))];
    input.phone = next_phone();
    std::int64_t year = draw_.between(born_from, born_to);
    input.birth_year = year;
    input.id_number = id_number(year);
    input.party_member = draw_.percent(8);
    input.tags = std::move(tags);
    ++made_;
    inputs_.push_back(std::move(input));
    return inputs_.size() - 1;
  }

  // Distinct for every person: the 8-digit tail is a bijection of the counter (7919 is coprime to 10^8).
  std::string next_phone() {
    std::uint64_t tail = (static_cast<std::uint64_t>(made_) * 7919 + 20210713) % 100000000;
    std::string digits = std::to_string(tail);
    return kMobilePrefixes[made_ % count_of(kMobilePrefixes)] + std::string(8 - digits.size(), '0') + digits;
  }

  std::string id_number(std::int64_t birth_year) {
    std::string first_seventeen = fmt::format("{}{:04}{:02}{:02}{:03}", kAreaCode, birth_year, draw_.below(12) + 1,
                                              draw_.below(28) + 1, draw_.below(999) + 1);
    return first_seventeen + id_check_character(first_seventeen);
  }

  Draw& draw_;
  std::size_t talent_step_;
  std::int64_t made_ = 0;
  std::size_t owners_ = 0;
  std::int64_t talents_ = 0;
  std::vector<PersonInput> inputs_;
};

// A link to a part of a person drawn by PeopleMaker, known by their place among the people drawn.
struct DrawnLink {
  std::int64_t part_id;
  std::size_t person;
  Relation relation;
  bool designated_voter = false;
};

// The developer still holds the last `per_compound` parts of two compounds (the second and the
// fifth that have parts).
std::set<std::int64_t> unsold_parts(const std::vector<SeedPart>& parts, std::size_t per_compound) {
  std::vector<std::int64_t> compounds;
  for (const auto& part : parts) {
    if (compounds.empty() || compounds.back() != part.compound_id) compounds.push_back(part.compound_id);
  }
  std::set<std::int64_t> developer_compounds;
  for (std::size_t index : {1, 4}) {
    if (index < compounds.size()) developer_compounds.insert(compounds[index]);
  }
  std::set<std::int64_t> unsold;
  std::map<std::int64_t, std::size_t> taken;
  for (auto part = parts.rbegin(); part != parts.rend(); ++part) {
    if (developer_compounds.count(part->compound_id) && taken[part->compound_id]++ < per_compound) {
      unsold.insert(part->part_id);
    }
  }
  return unsold;
}

}  // namespace

void seed_demo(modules::SeedContext& seed) {
  Draw draw;
  auto parts = owned_parts(seed.tx);
  PeopleMaker people(draw, std::max<std::size_t>(1, parts.size() / 40));
  auto unsold = unsold_parts(parts, seed.size == modules::SeedSize::Demo ? 3 : 1);
  std::vector<DrawnLink> links;
  std::optional<std::size_t> developer;
  std::optional<std::size_t> resident_person;
  std::int64_t co_owned = 0, second_parts = 0, tenants = 0;
  // The owner of the last part sold, who may own this one too if it is in the same compound.
  std::size_t previous_owner = 0;
  std::int64_t previous_compound = 0;
  for (const auto& part : parts) {
    if (unsold.count(part.part_id)) {
      if (!developer) developer = people.developer(part.compound_id);
      links.push_back({part.part_id, *developer, Relation::Owner});
      continue;
    }
    if (previous_compound == part.compound_id && draw.percent(2)) {
      links.push_back({part.part_id, previous_owner, Relation::Owner});
      ++second_parts;
    } else {
      std::size_t owner = people.owner(part.compound_id);
      bool shared = draw.percent(3);
      links.push_back({part.part_id, owner, Relation::Owner, shared});
      if (shared) {
        links.push_back({part.part_id, people.owner(part.compound_id), Relation::Owner});
        ++co_owned;
      }
      previous_owner = owner;
      previous_compound = part.compound_id;
      if (!resident_person && part.compound_code == kResidentCompoundCode) resident_person = owner;
    }
    if (draw.percent(8)) {
      links.push_back({part.part_id, people.tenant(part.compound_id), Relation::Tenant});
      ++tenants;
    }
  }
  std::vector<std::int64_t> person_ids = create_people(seed.tx, seed.data_key, people.inputs());
  std::vector<LinkInput> link_inputs;
  link_inputs.reserve(links.size());
  for (const auto& link : links) {
    link_inputs.push_back({link.part_id, person_ids[link.person], link.relation, link.designated_voter, std::nullopt});
  }
  insert_links(seed.tx, link_inputs);
  if (resident_person) {
    seed.tx.exec("UPDATE users SET person_id = ? WHERE login = 'resident'", {person_ids[*resident_person]});
  }
  audit::record(seed.tx, "cli:seed", "people.seed", "people",
                {{"people", people.made() + (developer ? 1 : 0)},
                 {"parts", parts.size()},
                 {"co_owned_parts", co_owned},
                 {"second_parts", second_parts},
                 {"unsold_parts", unsold.size()},
                 {"tenants", tenants},
                 {"talents", people.talents()}});
}

}  // namespace weizhi::people
