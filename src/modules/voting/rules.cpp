// Voting rules: the one implementation of the tally, used by the server, the export and
// `weizhi tally`. Voters are kept as a sorted array of owner ids with parallel areas, and choices
// as one byte per voter and item, so a million voters tally in a few sorts and linear passes.
#include "modules/voting/rules.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <set>
#include <utility>

#include <nlohmann/json.hpp>

#include "core/address.hpp"
#include "core/code_table.hpp"
#include "core/error.hpp"
#include "core/json.hpp"
#include "core/text.hpp"

namespace weizhi::voting {

namespace {

// 线上 / 书面 / 会议: how a refusal names the channel that holds the first ballot.
constexpr CodeTable<Channel> kChannelLabels = {
    {Channel::Online, "线上"}, {Channel::Paper, "书面"}, {Channel::Meeting, "会议现场"}};
constexpr CodeTable<Reached> kReached = {{Reached::AtTheBound, "at_the_bound"},
                                         {Reached::BeyondTheBound, "beyond_the_bound"}};
constexpr CodeTable<Base> kBases = {{Base::InScope, "in_scope"}, {Base::Participating, "participating"}};

constexpr Bound kQuorum{2, 3, Reached::AtTheBound, Base::InScope};
constexpr Bound kMoreThanHalf{1, 2, Reached::BeyondTheBound, Base::Participating};
constexpr Bound kThreeQuarters{3, 4, Reached::AtTheBound, Base::Participating};

using Wide = __int128;

constexpr std::uint8_t kNoChoice = 0xFF;

// A side's sums grow by one voter (with their area) or by another side.
void add(Share& share, std::int64_t voter_area) {
  share.area += voter_area;
  ++share.count;
}

void add(Share& share, const Share& more) {
  share.area += more.area;
  share.count += more.count;
}

std::string owner_text(std::int64_t owner_id) { return std::to_string(owner_id); }

}  // namespace

std::optional<Threshold> threshold_of(int matter) {
  if (matter < 1 || matter > kMatters) return std::nullopt;
  return matter >= 6 && matter <= 8 ? Threshold::ThreeQuarters : Threshold::Half;
}

Bounds bounds_of(Threshold threshold) {
  return {kQuorum, threshold == Threshold::ThreeQuarters ? kThreeQuarters : kMoreThanHalf};
}

// num/den ≥ p/q (or > p/q), without division.
bool reaches(const Fraction& fraction, const Bound& bound) {
  if (fraction.den <= 0) return false;
  Wide left = static_cast<Wide>(fraction.num) * bound.den;
  Wide right = static_cast<Wide>(fraction.den) * bound.num;
  return bound.reached == Reached::BeyondTheBound ? left > right : left >= right;
}

bool at_least_two_thirds(const Fraction& fraction) { return reaches(fraction, kQuorum); }
bool more_than_half(const Fraction& fraction) { return reaches(fraction, kMoreThanHalf); }
bool at_least_three_quarters(const Fraction& fraction) { return reaches(fraction, kThreeQuarters); }

Electorate electorate_of(const std::vector<RollEntry>& roll) {
  Electorate electorate;
  std::vector<std::pair<std::int64_t, std::int64_t>> parts;         // part id, line: to find repeats
  std::vector<std::pair<std::int64_t, std::int64_t>> person_parts;  // owner id, area
  parts.reserve(roll.size());
  person_parts.reserve(roll.size());
  std::optional<std::int64_t> developer;
  std::int64_t developer_area = 0;
  std::int64_t voterless_parts = 0;
  for (const auto& entry : roll) {
    parts.emplace_back(entry.part_id, entry.line);
    if (entry.area_centi_m2 < 0) throw InvalidLine(entry.line, "面积不能为负数");
    if (entry.use == PartUse::Parking) continue;
    electorate.total_area_centi_m2 += entry.area_centi_m2;
    if (entry.owner_id == 0) {
      if (entry.owner_kind == OwnerKind::Developer) throw InvalidLine(entry.line, "开发商持有的户须填写 owner_id");
      ++voterless_parts;
    } else if (entry.owner_kind == OwnerKind::Developer) {
      if (developer && *developer != entry.owner_id) {
        throw InvalidLine(entry.line, "开发商的户应使用同一个 owner_id（" + owner_text(*developer) + "），此处为 " +
                                          owner_text(entry.owner_id));
      }
      developer = entry.owner_id;
      developer_area += entry.area_centi_m2;
    } else {
      person_parts.emplace_back(entry.owner_id, entry.area_centi_m2);
    }
  }
  std::sort(parts.begin(), parts.end());
  auto repeat =
      std::adjacent_find(parts.begin(), parts.end(), [](const auto& a, const auto& b) { return a.first == b.first; });
  if (repeat != parts.end()) {
    throw InvalidLine(std::max(repeat->second, std::next(repeat)->second),
                      "户 " + std::to_string(repeat->first) + " 重复出现");
  }
  std::sort(person_parts.begin(), person_parts.end());
  for (const auto& [owner_id, area] : person_parts) {
    if (!electorate.owner_ids.empty() && electorate.owner_ids.back() == owner_id) {
      electorate.areas.back() += area;
    } else {
      electorate.owner_ids.push_back(owner_id);
      electorate.areas.push_back(area);
    }
  }
  if (developer) {
    auto at = std::lower_bound(electorate.owner_ids.begin(), electorate.owner_ids.end(), *developer);
    if (at != electorate.owner_ids.end() && *at == *developer) {
      auto line = std::find_if(roll.begin(), roll.end(), [&](const RollEntry& entry) {
                    return entry.owner_id == *developer && entry.owner_kind == OwnerKind::Person;
                  })->line;
      throw InvalidLine(line, "owner_id " + owner_text(*developer) + " 既登记为开发商又登记为个人业主");
    }
    auto index = at - electorate.owner_ids.begin();
    electorate.owner_ids.insert(at, *developer);
    electorate.areas.insert(electorate.areas.begin() + index, developer_area);
  }
  electorate.owner_count = static_cast<std::int64_t>(electorate.owner_ids.size()) + voterless_parts;
  return electorate;
}

std::vector<RollEntry> roll_from_registry(const std::vector<people::OwnedPart>& parts) {
  people::VotingRoll registry_roll = people::build_roll(parts);
  std::map<std::int64_t, const people::Voter*> voter_of_part;
  for (const auto& voter : registry_roll.voters) {
    for (std::int64_t part_id : voter.part_ids) voter_of_part[part_id] = &voter;
  }
  std::set<std::int64_t> voterless(registry_roll.parts_without_owner.begin(), registry_roll.parts_without_owner.end());
  voterless.insert(registry_roll.parts_without_designated_voter.begin(),
                   registry_roll.parts_without_designated_voter.end());
  std::vector<RollEntry> roll;
  for (const auto& part : parts) {
    auto voter = voter_of_part.find(part.part_id);
    if (voter == voter_of_part.end() && !voterless.count(part.part_id)) continue;  // parking, stalls
    RollEntry entry{part.part_id, 0, OwnerKind::Person, part.area_centi_m2,
                    parse_code(kPartUses, part.use).value_or(PartUse::Other)};
    if (voter != voter_of_part.end()) {
      entry.owner_id = voter->second->person_id;
      entry.owner_kind = voter->second->is_developer ? OwnerKind::Developer : OwnerKind::Person;
    }
    roll.push_back(entry);
  }
  std::sort(roll.begin(), roll.end(), [](const RollEntry& a, const RollEntry& b) { return a.part_id < b.part_id; });
  return roll;
}

std::vector<ItemResult> tally(const Electorate& electorate, const std::vector<BallotEntry>& ballots,
                              Threshold threshold, FollowMajority follow_majority, std::int64_t item_count) {
  const std::size_t voters = electorate.owner_ids.size();
  // Item-major: the choices of item i are marks[i * voters … (i + 1) * voters).
  std::vector<std::uint8_t> marks(static_cast<std::size_t>(std::max<std::int64_t>(item_count, 0)) * voters, kNoChoice);
  for (const auto& ballot : ballots) {
    auto at = std::lower_bound(electorate.owner_ids.begin(), electorate.owner_ids.end(), ballot.owner_id);
    if (at == electorate.owner_ids.end() || *at != ballot.owner_id) {
      throw InvalidLine(ballot.line, "owner_id " + owner_text(ballot.owner_id) + " 不在业主名册中（或只有车位）");
    }
    if (ballot.item < 1 || ballot.item > item_count) {
      throw InvalidLine(ballot.line, "表决事项 " + std::to_string(ballot.item) + " 不存在");
    }
    std::uint8_t& mark = marks[static_cast<std::size_t>(ballot.item - 1) * voters +
                               static_cast<std::size_t>(at - electorate.owner_ids.begin())];
    if (mark != kNoChoice) {
      throw InvalidLine(ballot.line, "owner_id " + owner_text(ballot.owner_id) + " 在事项 " +
                                         std::to_string(ballot.item) + " 上重复投票");
    }
    mark = static_cast<std::uint8_t>(ballot.choice);
  }

  const Bounds bounds = bounds_of(threshold);
  std::vector<ItemResult> results;
  for (std::int64_t item = 1; item <= item_count; ++item) {
    std::array<Share, 5> sides{};  // indexed by Choice
    const std::uint8_t* row = marks.data() + static_cast<std::size_t>(item - 1) * voters;
    for (std::size_t voter = 0; voter < voters; ++voter) {
      if (row[voter] != kNoChoice) add(sides[row[voter]], electorate.areas[voter]);
    }
    const Share& agree = sides[static_cast<int>(Choice::Agree)];
    const Share& oppose = sides[static_cast<int>(Choice::Oppose)];
    const Share& follow = sides[static_cast<int>(Choice::Follow)];
    Share participating;
    for (Choice choice : {Choice::Agree, Choice::Oppose, Choice::Abstain, Choice::Follow}) {
      add(participating, sides[static_cast<int>(choice)]);
    }
    // Follow-majority joins agree only when agree leads oppose among explicit votes in both
    // dimensions; otherwise (oppose leads, a tie, the dimensions disagree, or the abstain
    // policy) it adds nothing to agreement, which is the same as counting it as oppose or abstain:
    // the breakdown shows it as abstain.
    bool follow_joins_agree =
        follow_majority == FollowMajority::BothDimensions && agree.area > oppose.area && agree.count > oppose.count;
    Breakdown breakdown{.agree = agree,
                        .oppose = oppose,
                        .abstain = sides[static_cast<int>(Choice::Abstain)],
                        .invalid = sides[static_cast<int>(Choice::Invalid)],
                        .not_voted = {},
                        .total = {electorate.owner_count, electorate.total_area_centi_m2}};
    add(follow_joins_agree ? breakdown.agree : breakdown.abstain, follow);
    breakdown.not_voted = {breakdown.total.count - participating.count - breakdown.invalid.count,
                           breakdown.total.area - participating.area - breakdown.invalid.area};
    ItemResult result{item,
                      threshold,
                      {participating.area, electorate.total_area_centi_m2},
                      {participating.count, electorate.owner_count},
                      false,
                      {breakdown.agree.area, participating.area},
                      {breakdown.agree.count, participating.count},
                      Outcome::FailedQuorum,
                      breakdown};
    result.quorum_met = reaches(result.quorum_area, bounds.quorum) && reaches(result.quorum_count, bounds.quorum);
    if (result.quorum_met) {
      result.outcome = reaches(result.approval_area, bounds.approval) && reaches(result.approval_count, bounds.approval)
                           ? Outcome::Passed
                           : Outcome::FailedApproval;
    }
    results.push_back(result);
  }
  return results;
}

namespace {

// The order result.json lists a breakdown's sides in.
constexpr std::array<std::pair<const char*, Share Breakdown::*>, 6> kBreakdownSides{
    {{"agree", &Breakdown::agree},
     {"oppose", &Breakdown::oppose},
     {"abstain", &Breakdown::abstain},
     {"invalid", &Breakdown::invalid},
     {"not_voted", &Breakdown::not_voted},
     {"total", &Breakdown::total}}};

}  // namespace

std::string result_json(const std::vector<ItemResult>& results) {
  using Ordered = nlohmann::ordered_json;
  auto fraction = [](const Fraction& value) { return Ordered{{"num", value.num}, {"den", value.den}}; };
  Ordered items = Ordered::array();
  for (const auto& result : results) {
    Ordered item{
        {"item", result.item},
        {"threshold", code_of(kThresholds, result.threshold)},
        {"quorum", Ordered{{"area", fraction(result.quorum_area)},
                           {"count", fraction(result.quorum_count)},
                           {"met", result.quorum_met}}},
        {"approval", Ordered{{"area", fraction(result.approval_area)}, {"count", fraction(result.approval_count)}}},
        {"outcome", code_of(kOutcomes, result.outcome)}};
    if (result.breakdown) {
      Ordered sides = Ordered::object();
      for (const auto& [name, side] : kBreakdownSides) {
        const Share& share = (*result.breakdown).*side;
        sides[name] = Ordered{{"count", share.count}, {"area", share.area}};
      }
      item["breakdown"] = sides;
    }
    items.push_back(item);
  }
  return Ordered{{"items", items}}.dump(2) + "\n";
}

std::vector<ItemResult> parse_result_json(std::string_view text) {
  auto fraction = [](const Json& value) { return Fraction{value.at("num"), value.at("den")}; };
  Json parsed = parse_json(text);
  std::vector<ItemResult> results;
  for (const auto& item : parsed.at("items")) {
    const Json& quorum = item.at("quorum");
    const Json& approval = item.at("approval");
    std::optional<Breakdown> breakdown;
    if (item.contains("breakdown")) {
      breakdown.emplace();
      for (const auto& [name, side] : kBreakdownSides) {
        const Json& share = item.at("breakdown").at(name);
        (*breakdown).*side = Share{share.at("count"), share.at("area")};
      }
    }
    results.push_back(ItemResult{item.at("item"),
                                 parse_code(kThresholds, item.at("threshold").get<std::string>()).value(),
                                 fraction(quorum.at("area")), fraction(quorum.at("count")), quorum.at("met"),
                                 fraction(approval.at("area")), fraction(approval.at("count")),
                                 parse_code(kOutcomes, item.at("outcome").get<std::string>()).value(), breakdown});
  }
  return results;
}

namespace {

Json bound_json(const Bound& bound) {
  return {{"num", bound.num},
          {"den", bound.den},
          {"reached", code_of(kReached, bound.reached)},
          {"of", code_of(kBases, bound.of)}};
}

Json fraction_json(const Fraction& fraction) { return {{"num", fraction.num}, {"den", fraction.den}}; }

Json checked_json(const Fraction& fraction, const Bound& bound) {
  Json checked = fraction_json(fraction);
  checked["met"] = reaches(fraction, bound);
  return checked;
}

}  // namespace

Json bounds_json(Threshold threshold) {
  Bounds bounds = bounds_of(threshold);
  return {{"quorum", bound_json(bounds.quorum)}, {"approval", bound_json(bounds.approval)}};
}

Json ratios_json(const ItemResult& result) {
  Bounds bounds = bounds_of(result.threshold);
  return {{"quorum",
           {{"bound", bound_json(bounds.quorum)},
            {"area", checked_json(result.quorum_area, bounds.quorum)},
            {"count", checked_json(result.quorum_count, bounds.quorum)}}},
          {"approval",
           {{"bound", bound_json(bounds.approval)},
            {"area", checked_json(result.approval_area, bounds.approval)},
            {"count", checked_json(result.approval_count, bounds.approval)}}}};
}

Json turnout_json(const Turnout& turnout) {
  return {{"area", fraction_json(turnout.area)},
          {"count", fraction_json(turnout.count)},
          {"quorum_met", turnout.quorum_met},
          {"quorum_bound", bound_json(kQuorum)}};
}

Turnout turnout(const Electorate& electorate, const std::vector<std::int64_t>& voters_with_ballot) {
  Turnout result{{0, electorate.total_area_centi_m2}, {0, electorate.owner_count}, false};
  for (std::int64_t owner_id : voters_with_ballot) {
    auto at = std::lower_bound(electorate.owner_ids.begin(), electorate.owner_ids.end(), owner_id);
    if (at == electorate.owner_ids.end() || *at != owner_id) continue;
    result.area.num += electorate.areas[static_cast<std::size_t>(at - electorate.owner_ids.begin())];
    ++result.count.num;
  }
  result.quorum_met = reaches(result.area, kQuorum) && reaches(result.count, kQuorum);
  return result;
}

void check_vote_input(const VoteInput& input) {
  if (blank(input.title) || characters(input.title) > 100) fail_invalid("title", "标题应为 1–100 个字");
  if (!threshold_of(input.matter)) fail_invalid("matter", "表决事项类别应为民法典第二百七十八条的 1–9 项");
  if (input.items.empty() || static_cast<std::int64_t>(input.items.size()) > kMaxItems) {
    fail_invalid("items", "表决事项应为 1–" + std::to_string(kMaxItems) + " 项");
  }
  for (std::size_t i = 0; i < input.items.size(); ++i) {
    if (blank(input.items[i]) || characters(input.items[i]) > 200) {
      fail_invalid("items[" + std::to_string(i) + "]", "每项表决内容应为 1–200 个字");
    }
  }
  auto opens = parse_iso(input.opens_at);
  if (!opens) fail_invalid("opens_at", "开始时间应为 ISO-8601 时间，如 2026-05-01T09:00:00+08:00");
  auto closes = parse_iso(input.closes_at);
  if (!closes) fail_invalid("closes_at", "截止时间应为 ISO-8601 时间，如 2026-05-15T18:00:00+08:00");
  if (*closes <= *opens) fail_invalid("closes_at", "截止时间应晚于开始时间");
  if (input.channels.empty()) fail_invalid("channels", "至少选择一种投票渠道");
  for (std::size_t i = 0; i < input.channels.size(); ++i) {
    if (std::count(input.channels.begin(), input.channels.end(), input.channels[i]) > 1) {
      fail_invalid("channels[" + std::to_string(i) + "]", "投票渠道重复");
    }
  }
  if (input.scope.kind != ScopeKind::Compound && input.scope.node_ids.empty()) {
    fail_invalid("scope.node_ids", "请列出表决范围内的楼栋、单元或户");
  }
}

void check_materials(const Materials& materials) {
  if (materials.documents.size() > kMaxDocuments) {
    fail_invalid("documents", "表决材料最多 " + std::to_string(kMaxDocuments) + " 份");
  }
  for (std::size_t i = 0; i < materials.documents.size(); ++i) {
    const Document& document = materials.documents[i];
    std::string field = "documents[" + std::to_string(i) + "]";
    if (blank(document.name) || characters(document.name) > kMaxDocumentNameCharacters) {
      fail_invalid(field + ".name", "材料名称应为 1–" + std::to_string(kMaxDocumentNameCharacters) + " 个字");
    }
    if (blank(document.reference) || characters(document.reference) > kMaxDocumentReferenceCharacters) {
      fail_invalid(field + ".reference",
                   "材料的文号或查阅处应为 1–" + std::to_string(kMaxDocumentReferenceCharacters) + " 个字");
    }
  }
  const auto& photos = materials.photos;
  if (photos.size() > kMaxPhotos) fail_invalid("photos", "照片最多 " + std::to_string(kMaxPhotos) + " 张");
  for (std::size_t i = 0; i < photos.size(); ++i) {
    if (std::count(photos.begin(), photos.end(), photos[i]) > 1) {
      fail_invalid("photos[" + std::to_string(i) + "]", "照片重复");
    }
  }
}

namespace {

org::NodeKind scope_node_kind(ScopeKind kind) {
  switch (kind) {
    case ScopeKind::Buildings:
      return org::NodeKind::Building;
    case ScopeKind::Units:
      return org::NodeKind::Unit;
    default:
      return org::NodeKind::Part;
  }
}

}  // namespace

CheckedTerms check_vote_terms(const VoteInput& input, const TermsFacts& facts) {
  check_vote_input(input);
  if (!facts.compound) throw ApiError(404, "not_found", "找不到该小区", "compound_id");
  if (facts.compound->kind != org::NodeKind::Compound) fail_unprocessable("表决应在小区内组织", "compound_id");
  const auto& ids = input.scope.node_ids;
  if (input.scope.kind == ScopeKind::Compound && !ids.empty()) {
    fail_invalid("scope.node_ids", "范围为整个小区时不列节点");
  }
  org::NodeKind kind = scope_node_kind(input.scope.kind);
  for (std::size_t i = 0; i < ids.size(); ++i) {
    std::string field = "scope.node_ids[" + std::to_string(i) + "]";
    if (std::count(ids.begin(), ids.end(), ids[i]) > 1) fail_invalid(field, "节点重复");
    const auto& node = i < facts.scope_nodes.size() ? facts.scope_nodes[i] : std::nullopt;
    std::string named = "节点 " + std::to_string(ids[i]);
    if (!node) throw ApiError(404, "not_found", "找不到组织节点 " + std::to_string(ids[i]), field);
    if (node->kind != kind) fail_unprocessable(named + " 不是 " + code_of(org::kNodeKinds, kind), field);
    if (node->path.rfind(facts.compound->path, 0) != 0) fail_unprocessable(named + " 不在该小区内", field);
  }
  return CheckedTerms(input);
}

void check_accepting_ballots(const Vote& vote, TimePoint now) {
  if (vote.state == VoteState::Draft) fail_conflict("表决尚未开启");
  if (vote.state != VoteState::Open) fail_conflict("表决已结束，不再接受投票");
  if (now < *parse_iso(vote.input.opens_at)) fail_conflict("表决尚未开始，开始时间为 " + vote.input.opens_at);
  if (now >= *parse_iso(vote.input.closes_at)) fail_conflict("表决已于 " + vote.input.closes_at + " 截止");
}

void check_ballot_terms(const Vote& vote, Channel channel, TimePoint now) {
  check_accepting_ballots(vote, now);
  if (std::find(vote.input.channels.begin(), vote.input.channels.end(), channel) == vote.input.channels.end()) {
    fail_unprocessable("本次表决不接受" + code_of(kChannelLabels, channel) + "投票", "channel");
  }
}

void fail_not_on_roll() { fail_unprocessable("该人员不在本次表决的业主名册中", "voter_id"); }

void fail_already_voted(Channel first) {
  fail_conflict("该业主已通过" + code_of(kChannelLabels, first) + "渠道投票，一名业主只能投一票", "voter_id");
}

void fail_unrecorded_ballot(std::optional<Channel> first) {
  if (first) fail_already_voted(*first);
  fail_not_on_roll();
}

void check_draft_edit(const Vote& vote, const VoteInput& edited) {
  if (vote.state != VoteState::Draft) fail_conflict("表决已开启，不能再修改", "state");
  if (edited.compound_node_id != vote.input.compound_node_id) fail_invalid("compound_id", "表决所属小区不可更改");
  if (vote.terms_fixed_by) {
    std::string why = "由「" + *vote.terms_fixed_by + "」确定，不可更改";
    if (edited.matter != vote.input.matter) fail_conflict("事项类别" + why, "matter");
    if (edited.scope.kind != vote.input.scope.kind || edited.scope.node_ids != vote.input.scope.node_ids) {
      fail_conflict("表决范围" + why, "scope");
    }
  }
}

void check_can_open(const Vote& vote) {
  if (vote.state != VoteState::Draft) fail_conflict("只有草稿状态的表决可以开启");
}

void check_roll_has_voter(const std::vector<RollEntry>& roll) {
  if (std::none_of(roll.begin(), roll.end(), [](const RollEntry& entry) { return entry.owner_id != 0; })) {
    fail_unprocessable("表决范围内没有可投票的业主，请先登记业主");
  }
}

void check_closing(const Vote& vote, TimePoint now) {
  if (vote.state != VoteState::Open) fail_conflict("只有进行中的表决可以结束");
  if (now < *parse_iso(vote.input.closes_at)) {
    fail_conflict("表决截止时间 " + vote.input.closes_at + " 未到，不能提前结束");
  }
}

void check_extendable(const Vote& vote) {
  if (vote.state != VoteState::Closed) fail_conflict("只有已截止、尚未公布的表决可以延期");
  if (vote.input.policies.extension == Extension::None) fail_conflict("本次表决的规则不允许延期");
  if (vote.extended) fail_conflict("表决期限只能延长一次");
}

TimePoint extended_deadline(const Vote& vote, bool quorum_met, const std::string& closes_at, TimePoint now) {
  if (quorum_met) fail_conflict("参与表决的专有面积和人数均已达三分之二，无需延期");
  auto deadline = parse_iso(closes_at);
  if (!deadline) fail_invalid("closes_at", "截止时间应为 ISO-8601 时间");
  if (*deadline <= now || *deadline <= *parse_iso(vote.input.closes_at)) {
    fail_invalid("closes_at", "延长后的截止时间应晚于现在和原截止时间");
  }
  return *deadline;
}

void check_publishable(const Vote& vote) {
  if (vote.state != VoteState::Closed) fail_conflict("只有已截止的表决可以公布结果");
}

void check_proxy(const Vote& vote, std::int64_t proxy_person_id, const ProxyFacts& facts) {
  if (vote.state != VoteState::Open) fail_conflict("只能为进行中的表决登记委托");
  if (!facts.voter_on_roll) fail_not_on_roll();
  if (!facts.proxy_is_person) {
    throw ApiError(404, "not_found", "找不到人员 " + std::to_string(proxy_person_id), "proxy_person_id");
  }
  if (facts.voter_has_proxy) fail_conflict("该业主已登记委托人", "voter_id");
}

OnlineVoter online_voter(std::optional<std::int64_t> requested_voter, std::optional<std::int64_t> person,
                         const std::vector<std::int64_t>& castable) {
  std::int64_t voter = requested_voter.value_or(person.value_or(0));
  if (!person || std::find(castable.begin(), castable.end(), voter) == castable.end()) {
    fail_forbidden(requested_voter ? "您不是该业主本人，也未受其委托" : "您不在本次表决的业主名册中");
  }
  return {voter, voter == *person ? std::nullopt : person};
}

namespace {

paper_entry::Form entry_form(const PaperForm& form) {
  return paper_entry::Form{form.entries, form.ballot_channel.has_value()};
}

}  // namespace

paper_entry::Outcome paper_entry_outcome(const Vote& vote, const PaperForm& form, std::int64_t clerk_user_id,
                                         const std::vector<Choice>& choices, TimePoint now) {
  check_ballot_terms(vote, Channel::Paper, now);
  if (!form.voter_on_roll) fail_not_on_roll();
  if (form.ballot_channel) fail_already_voted(*form.ballot_channel);
  auto decision = paper_entry::enter(entry_form(form), clerk_user_id, choices_text(choices),
                                     paper_entry::WhenHeld::RefuseMoreEntries);
  if (decision.refusal == paper_entry::Refusal::SameClerk) {
    fail_conflict("您已录入过该书面表决票，第二次录入须由另一名录入员完成", "voter_id");
  }
  if (decision.refusal) fail_conflict("该书面表决票两次录入不一致，正等待监督员裁定", "voter_id");
  return decision.outcome;
}

void check_settling(const Vote& vote, const PaperForm& form) {
  if (!paper_entry::held(entry_form(form))) fail_not_found("该业主没有待裁定的书面表决票");
  if (vote.state != VoteState::Open) fail_conflict("表决已结束，不能再裁定书面表决票");
}

std::vector<Choice> parse_choices(const std::vector<std::string>& codes, std::size_t item_count, InvalidChoices invalid,
                                  const std::string& field) {
  if (codes.size() != item_count) {
    fail_invalid(field, "本次表决有 " + std::to_string(item_count) + " 项，应逐项填写意见");
  }
  std::vector<Choice> choices;
  for (std::size_t i = 0; i < codes.size(); ++i) {
    auto choice = parse_code(kChoices, codes[i]);
    if (!choice || (*choice == Choice::Invalid && invalid == InvalidChoices::Refused)) {
      fail_invalid(field + "[" + std::to_string(i) + "]",
                   invalid == InvalidChoices::Allowed
                       ? "意见应为 agree、oppose、abstain、follow 或 invalid"
                       : "意见应为 agree（赞同）、oppose（反对）、abstain（弃权）或 follow（随多数）");
    }
    choices.push_back(*choice);
  }
  return choices;
}

std::string choices_text(const std::vector<Choice>& choices) {
  std::string text;
  for (Choice choice : choices) text += (text.empty() ? "" : ",") + code_of(kChoices, choice);
  return text;
}

std::optional<std::vector<Choice>> parse_choices_text(std::string_view text) {
  std::vector<Choice> choices;
  while (true) {
    auto comma = text.find(',');
    auto choice = parse_code(kChoices, text.substr(0, comma));
    if (!choice) return std::nullopt;
    choices.push_back(*choice);
    if (comma == std::string_view::npos) return choices;
    text.remove_prefix(comma + 1);
  }
}

namespace {

std::string without_spaces(std::string_view text) {
  std::string kept;
  for (char c : text) {
    if (!std::isspace(static_cast<unsigned char>(c))) kept += c;
  }
  return kept;
}

}  // namespace

bool passes_voted_filter(const RollEntry& entry, bool voted, VotedFilter filter) {
  return entry.owner_id != 0 && voted == (filter == VotedFilter::Voted);
}

std::optional<AddressKeyRange> address_keys_meant(std::string_view typed) {
  AddressKeyRange meant = address_key_range(typed);
  if (meant.first == meant.end) return std::nullopt;
  return meant;
}

bool address_text_matches(const std::string& building, const std::string& unit, const std::string& room,
                          std::string_view typed) {
  return without_spaces(building + unit + room).find(without_spaces(typed)) != std::string::npos;
}

// --- The identity check before an online ballot (docs/rules.md#c-identity-check) ---

namespace {

char upper(char c) { return static_cast<char>(std::toupper(static_cast<unsigned char>(c))); }

}  // namespace

bool identity_check_required(IdentityCheckPolicy policy, int matter) {
  if (policy == IdentityCheckPolicy::MajorMatters) return threshold_of(matter) == Threshold::ThreeQuarters;
  return policy == IdentityCheckPolicy::All;
}

bool asks_identity(const Vote& vote) {
  return vote.identity_check && identity_check_required(*vote.identity_check, vote.input.matter);
}

std::int64_t identity_tries_left(const IdentityCheck& check) {
  return std::max<std::int64_t>(0, kIdentityTries - check.failures);
}

bool identity_locked(const IdentityCheck& check) { return !check.passed && identity_tries_left(check) == 0; }

std::string typed_id_last4(std::string_view typed) {
  bool shaped = typed.size() == 4 &&
                std::all_of(typed.begin(), typed.end() - 1, [](char c) { return c >= '0' && c <= '9'; }) &&
                ((typed[3] >= '0' && typed[3] <= '9') || upper(typed[3]) == 'X');
  if (!shaped) fail_invalid("id_last4", "身份证号后四位应为 4 个字符：数字，最后一位可为 X");
  std::string last4(typed);
  std::transform(last4.begin(), last4.end(), last4.begin(), upper);
  return last4;
}

bool id_last4_matches(std::string_view id_number, std::string_view last4) {
  if (id_number.size() < 4 || last4.size() != 4) return false;
  auto tail = id_number.substr(id_number.size() - 4);
  return std::equal(tail.begin(), tail.end(), last4.begin(), [](char a, char b) { return upper(a) == upper(b); });
}

void check_identity_attempt(const Vote& vote, TimePoint now) { check_ballot_terms(vote, Channel::Online, now); }

std::string other_channels_advice(const Vote& vote) {
  const auto& channels = vote.input.channels;
  bool paper = std::find(channels.begin(), channels.end(), Channel::Paper) != channels.end();
  bool meeting = std::find(channels.begin(), channels.end(), Channel::Meeting) != channels.end();
  if (paper && meeting) return "请到社区纸质投票或现场投票";
  if (paper) return "请到社区纸质投票";
  if (meeting) return "请到会议现场投票";
  return "请联系社区工作人员";
}

ApiError identity_locked_error(const Vote& vote) {
  return ApiError(403, "identity_locked",
                  "身份核验错误次数过多，您已不能在本表决中线上投票，" + other_channels_advice(vote));
}

ApiError identity_mismatch_error(std::int64_t tries_left) {
  return ApiError(422, "identity_mismatch", "身份证号后四位不正确，还可以再试 " + std::to_string(tries_left) + " 次",
                  "id_last4");
}

ApiError no_id_number_error(const Vote& vote) {
  return ApiError(
      422, "id_number_missing",
      "社区登记中没有您的身份证号，无法线上核验身份：" + other_channels_advice(vote) + "，或请社区补全登记信息",
      "id_last4");
}

void check_identity_for_ballot(const Vote& vote, const IdentityCheck& check) {
  if (!asks_identity(vote) || check.passed) return;
  if (identity_locked(check)) throw identity_locked_error(vote);
  throw ApiError(403, "identity_required", "本表决需实名核验：请先输入您的身份证号后四位");
}

// --- Proxies (docs/rules.md#c-h5-proxy) ---

std::string checked_statement(std::string_view statement) {
  auto first = statement.find_first_not_of(" \t\r\n");
  auto last = statement.find_last_not_of(" \t\r\n");
  std::string trimmed(first == std::string_view::npos ? std::string_view() : statement.substr(first, last - first + 1));
  std::size_t length = characters(trimmed);
  if (length < kMinStatementCharacters || length > kMaxStatementCharacters) {
    fail_invalid("statement", "委托声明应为 " + std::to_string(kMinStatementCharacters) + "–" +
                                  std::to_string(kMaxStatementCharacters) + " 个字");
  }
  return trimmed;
}

std::int64_t check_named_proxy(const Vote& vote, std::int64_t voter_id, const NamedProxyFacts& facts, TimePoint now) {
  check_ballot_terms(vote, Channel::Online, now);
  if (!facts.caller_is_voter) throw ApiError(404, "not_found", "找不到该业主", "voter_id");
  if (facts.ballot_channel) fail_already_voted(*facts.ballot_channel);
  check_identity_for_ballot(vote, facts.identity);
  if (facts.phone_people.empty()) fail_unprocessable("该手机号未在社区登记", "proxy_phone");
  if (facts.phone_people.size() > 1) {
    fail_unprocessable("该手机号登记了多位居民，无法确定受托人，请到社区办理书面委托", "proxy_phone");
  }
  std::int64_t proxy = facts.phone_people.front();
  if (proxy == voter_id) fail_unprocessable("不能委托本人", "proxy_phone");
  if (facts.voter_has_proxy) fail_conflict("您已委托他人投票，请先撤销原委托", "voter_id");
  return proxy;
}

void check_proxy_withdrawal(const Vote& vote, const ProxyWithdrawalFacts& facts) {
  if (!facts.caller_is_voter || !facts.proxy_source) fail_not_found("您在本表决中没有委托他人");
  if (vote.state != VoteState::Open) fail_conflict("表决已结束，委托不能再撤销", "state");
  if (*facts.proxy_source == ProxySource::Paper) fail_conflict("书面委托请到社区撤销", "voter_id");
  if (facts.ballot_channel) fail_conflict("已有选票计入，委托不能再撤销", "voter_id");
}

std::string reminder_text(const Vote& vote, const std::optional<std::string>& message) {
  if (vote.state != VoteState::Open) fail_conflict("表决开放期间才能提醒未投票的业主", "state");
  if (message) {
    check_text(*message, kMaxReminderBytes, "message", "提醒内容应填写，且不超过 500 字节");
    return *message;
  }
  return "《" + vote.input.title + "》正在表决，截止时间 " + vote.input.closes_at + "，您尚未投票，请及时参加。";
}

bool closing_short_of_quorum(const Vote& vote, const Turnout& turnout, TimePoint now) {
  return vote.state == VoteState::Open && !turnout.quorum_met &&
         *parse_iso(vote.input.closes_at) <= now + std::chrono::days(kClosingSoonDays);
}

namespace {

std::string whole_percent(const Fraction& fraction) {
  return std::to_string(fraction.den == 0 ? 0 : fraction.num * 100 / fraction.den) + "%";
}

}  // namespace

std::string closing_title(const Vote& vote, const Turnout& turnout, TimePoint now) {
  auto left = *parse_iso(vote.input.closes_at) - now;
  std::string when;
  if (left <= std::chrono::seconds(0)) {
    when = "已过截止时间";
  } else if (left < std::chrono::days(1)) {
    auto hours = std::chrono::ceil<std::chrono::hours>(left).count();
    when = "还剩 " + std::to_string(hours) + " 小时截止";
  } else {
    when = "还剩 " + std::to_string(std::chrono::floor<std::chrono::days>(left).count()) + " 天截止";
  }
  return "《" + vote.input.title + "》表决" + when + "，已投 " + whole_percent(turnout.count) + "（面积 " +
         whole_percent(turnout.area) + "），未达法定人数";
}

bool takes_online_ballots(const Vote& vote, TimePoint now) {
  try {
    check_ballot_terms(vote, Channel::Online, now);
    return true;
  } catch (const ApiError&) {
    return false;
  }
}

bool cast_by_or_for(const BallotRecord& ballot, std::int64_t person_id) {
  return ballot.voter_id == person_id || ballot.proxy_person_id == person_id;
}

std::optional<std::string> cast_title(const Vote& vote, bool self_to_cast, const std::vector<std::string>& proxied) {
  std::string names;
  for (const auto& name : proxied) names += (names.empty() ? "" : "、") + name;
  std::string title = "参加表决：《" + vote.input.title + "》";
  if (self_to_cast) return proxied.empty() ? title : title + "（含代 " + names + " 投票）";
  if (proxied.empty()) return std::nullopt;
  return "代 " + names + " " + title;
}

std::string receipt_code(const std::string& random_hex) {
  std::string code;
  for (std::size_t i = 0; i < random_hex.size(); ++i) {
    if (i && i % 4 == 0) code += '-';
    code += static_cast<char>(std::toupper(static_cast<unsigned char>(random_hex[i])));
  }
  return code;
}

std::string typed_receipt_code(std::string typed) {
  std::transform(typed.begin(), typed.end(), typed.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return typed;
}

}  // namespace weizhi::voting
