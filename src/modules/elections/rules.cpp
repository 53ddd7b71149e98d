// Election rules: step order, sign-off conditions and the frozen roll, without SQL or clock.
#include "modules/elections/rules.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>
#include <set>

#include "core/code_table.hpp"
#include "core/crypto.hpp"
#include "core/entries.hpp"
#include "core/error.hpp"
#include "core/json.hpp"
#include "core/text.hpp"
#include "core/time.hpp"

namespace weizhi::elections {

namespace {

// The count names candidates by text: their ids.
std::vector<std::string> names_of(const std::vector<std::int64_t>& ids) {
  std::vector<std::string> names;
  for (std::int64_t id : ids) names.push_back(std::to_string(id));
  return names;
}

std::vector<std::int64_t> ids_of(const std::vector<std::string>& names) {
  std::vector<std::int64_t> ids;
  for (const auto& name : names) ids.push_back(std::stoll(name));
  return ids;
}

Json votes_json(const std::vector<CandidateVotes>& entries) {
  Json list = Json::array();
  for (const auto& entry : entries) {
    list.push_back({{"candidate_id", std::stoll(entry.candidate)}, {"votes", entry.votes}});
  }
  return list;
}

std::vector<CandidateVotes> votes_from_json(const Json& list) {
  std::vector<CandidateVotes> entries;
  for (const auto& entry : list) {
    entries.push_back({std::to_string(entry["candidate_id"].get<std::int64_t>()), entry["votes"].get<std::int64_t>()});
  }
  return entries;
}

// A round's count as the round keeps it: every figure the console explains, candidate ids as numbers.
Json round_result_json(const CountResult& result, std::int64_t issued, std::int64_t returned) {
  return {{"issued", issued},
          {"returned", returned},
          {"valid_ballots", result.valid_ballots},
          {"void_ballots", result.void_ballots},
          {"round_valid", result.round_valid()},
          {"round_void", code_of(kRoundVoids, result.round_void)},
          {"base", result.base},
          {"tally", votes_json(result.tally)},
          {"elected", votes_json(result.elected)},
          {"runoff", ids_of(result.runoff)},
          {"runoff_seats", result.runoff_seats},
          {"vacant_seats", result.vacant_seats},
          {"alternates", votes_json(result.alternates)},
          {"lot_needed", ids_of(result.lot_needed)}};
}

// A counted round's alternates, ordered by its lot drawings.
std::vector<CandidateVotes> ranked_alternates(const Round& round, const Json& result) {
  auto alternates = votes_from_json(result["alternates"]);
  if (round.lot_drawing) {
    for (const auto& drawn : parse_json(*round.lot_drawing)) {
      alternates = apply_lot(alternates, names_of(drawn.get<std::vector<std::int64_t>>()));
    }
  }
  return alternates;
}

}  // namespace

const std::vector<std::string>& default_step_names() {
  static const std::vector<std::string> names{"成立选举工作组", "宣传发动与公示职责", "选民登记",  "提名候选人",
                                              "资格审查与公示", "投票选举",           "公告与备案"};
  return names;
}

void check_election_input(const ElectionInput& input) {
  auto title = characters(input.title);
  if (title < 1 || title > 100) fail_invalid("title", "标题应为 1–100 个字");
  if (input.seats < 1 || input.seats > 30) fail_invalid("seats", "应选名额应为 1–30");
  if (input.step_names.empty()) return;
  if (static_cast<std::int64_t>(input.step_names.size()) != kStepCount) fail_invalid("step_names", "步骤名称应为 7 个");
  for (std::size_t i = 0; i < input.step_names.size(); ++i) {
    auto length = characters(input.step_names[i]);
    if (length < 1 || length > 50) fail_invalid("step_names[" + std::to_string(i) + "]", "步骤名称应为 1–50 个字");
  }
}

bool is_date(const std::string& text) { return parse_date(text).has_value(); }

bool has_publicity(std::int64_t step) { return step == kPublicity || step == kVetting || step == kFiling; }

std::string publicity_end(const std::string& opened_on, std::int64_t days) {
  auto opened = parse_date(opened_on);
  if (!opened) throw std::invalid_argument("not a date: " + opened_on);
  return date_text(std::chrono::year_month_day{std::chrono::sys_days(*opened) + std::chrono::days(days - 1)});
}

void check_sign_off(const SignOffFacts& facts) {
  if (facts.already_signed) fail_conflict("该步骤已签字确认");
  if (facts.publicity_ends_on && facts.today <= *facts.publicity_ends_on) {
    fail_conflict("公示期至 " + *facts.publicity_ends_on + " 结束，期满后才能签字");
  }
  switch (facts.step) {
    case kRegistration:
      if (facts.voters == 0) fail_conflict("选民名册为空");
      break;
    case kNomination:
    case kVetting:
      if (facts.candidates_pending > 0)
        fail_conflict("还有 " + std::to_string(facts.candidates_pending) + " 名候选人未审查");
      if (facts.candidates_approved <= facts.seats) fail_conflict("差额选举：审查通过的候选人应多于应选名额");
      break;
    case kVoting:
      if (!facts.final_count) fail_conflict("计票尚未完成（还有决选或另行选举）");
      break;
    case kFiling:
      if (facts.unanswered_complaints > 0) {
        fail_conflict("还有 " + std::to_string(facts.unanswered_complaints) + " 件异议未答复，不能备案");
      }
      break;
    default:
      break;
  }
}

bool ready_for_sign_off(const SignOffFacts& facts) {
  try {
    check_sign_off(facts);
    return true;
  } catch (const ApiError&) {
    return false;
  }
}

bool publicity_ending(const std::string& ends_on, const std::string& today) {
  // The notice window is a period opened today that lasts through its last notice day.
  return ends_on <= publicity_end(today, kPublicityNoticeDays + 1);
}

void check_election_compound(const std::optional<org::Node>& node) {
  if (!node || node->kind != org::NodeKind::Compound) fail_not_found("找不到该小区");
}

void check_open(std::int64_t current_step, bool current_signed_off, std::int64_t requested_step) {
  if (requested_step != current_step + 1 || requested_step > kStepCount) {
    fail_conflict("步骤须按顺序逐步开启：下一步是第 " + std::to_string(current_step + 1) + " 步", "step");
  }
  if (!current_signed_off) fail_conflict("第 " + std::to_string(current_step) + " 步尚未经纪检监督员签字", "step");
}

StepOpening step_opening(const Election& election, std::int64_t step, const std::string& today,
                         const OpeningFacts& facts) {
  StepOpening opening;
  if (has_publicity(step)) opening.publicity_ends_on = publicity_end(today, facts.publicity_days);
  if (step == kRegistration)
    opening.voters = roll_of(facts.households, election.roll_policy, std::stoi(today.substr(0, 4)));
  if (step == kVoting) {
    std::vector<std::int64_t> approved;
    for (const auto& candidate : facts.candidates) {
      if (candidate.vetting == Vetting::Approved) approved.push_back(candidate.id);
    }
    opening.first_round = NextRound{RoundKind::First, election.seats, approved};
  }
  return opening;
}

std::optional<Filing> filing_at(std::int64_t step, const FilingFacts& facts) {
  if (step != kFiling) return std::nullopt;
  std::map<std::int64_t, const Candidate*> candidates;
  for (const auto& candidate : facts.candidates) candidates.emplace(candidate.id, &candidate);
  auto origin_of = [](const Candidate& candidate) {
    return parse_code(committees::kOrigins, candidate.origin).value_or(committees::Origin::EnthusiasticResident);
  };
  Filing filing;
  std::set<std::int64_t> elected;
  std::vector<CandidateVotes> alternates;
  for (const auto& round : facts.rounds) {
    if (!round.result) continue;
    Json result = parse_json(*round.result);
    if (!result["round_valid"].get<bool>()) continue;
    for (const auto& entry : votes_from_json(result["elected"])) {
      const Candidate& candidate = *candidates.at(std::stoll(entry.candidate));
      elected.insert(candidate.person_id);
      filing.members.push_back({candidate.person_id, committees::Position::Member, origin_of(candidate), entry.votes});
    }
    if (round.kind == RoundKind::First) alternates = ranked_alternates(round, result);
  }
  if (facts.commissioner && !elected.count(*facts.commissioner) &&
      facts.commissioner_joins == committees::CommissionerJoins::ExOfficio) {
    filing.members.push_back(
        {*facts.commissioner, committees::Position::Member, committees::Origin::Commissioner, std::nullopt});
  }
  for (const auto& entry : alternates) {
    const Candidate& candidate = *candidates.at(std::stoll(entry.candidate));
    if (elected.count(candidate.person_id) || candidate.person_id == facts.commissioner) continue;
    filing.alternates.push_back({candidate.person_id, origin_of(candidate), entry.votes});
  }
  return filing;
}

void check_running(const Election& election) {
  if (election.state != ElectionState::Running) fail_conflict("选举已备案");
}

void check_sign_off_step(const Election& election, std::int64_t step) {
  check_running(election);
  if (step != election.current_step) {
    fail_conflict("只能为当前步骤（第 " + std::to_string(election.current_step) + " 步）签字", "step");
  }
}

void check_nomination(const Election& election, const NomineeFacts& nominee) {
  check_step_allows(election, {kNomination}, "提名候选人");
  if (!nominee.is_person) fail_not_found("找不到该人员");
  if (!nominee.belongs_to_compound)
    fail_unprocessable("字段 person_id：候选人须为本小区的居民、业主或专员", "person_id");
  if (nominee.already_nominated) fail_conflict("此人已被提名", "person_id");
}

void check_vetting(const Election& election, const std::vector<Candidate>& candidates, std::int64_t candidate_id) {
  check_step_allows(election, {kNomination, kVetting}, "资格审查");
  if (std::none_of(candidates.begin(), candidates.end(),
                   [&](const Candidate& candidate) { return candidate.id == candidate_id; })) {
    fail_not_found("找不到该候选人");
  }
}

void check_visit(bool visitor_known, bool visited_known) {
  if (!visitor_known || !visited_known) fail_not_found("找不到该人员");
}

void check_answer(const std::optional<Complaint>& complaint) {
  if (!complaint || complaint->answer) fail_not_found("找不到待答复的该异议");
}

Round ballot_round(const Election& election, const std::optional<Round>& current) {
  check_step_allows(election, {kVoting}, "投票");
  if (!current || current->result) fail_conflict("本轮已计票，没有正在进行的投票");
  return *current;
}

void check_token(const Round& round, std::optional<std::int64_t> voted_round) {
  if (!voted_round) fail_forbidden("您不在本次选举的选民名册中");
  if (*voted_round >= round.round) fail_conflict("您已在本轮投票");
}

void check_cast(const Round& round, const std::optional<TokenLine>& line) {
  if (!line || line->token_round != round.round || line->voted_round >= round.round) {
    fail_forbidden("选票凭证无效或已使用");
  }
}

void check_paper_account(std::int64_t issued, std::int64_t returned, std::int64_t spoiled) {
  if (issued < 0 || issued > 1000000) fail_invalid("issued", "发出票数应为 0–1000000");
  if (returned < 0 || returned > 1000000) fail_invalid("returned", "收回票数应为 0–1000000");
  if (spoiled < 0 || spoiled > 1000000) fail_invalid("spoiled", "作废票数应为 0–1000000");
}

paper_entry::Outcome paper_ballot_outcome(const paper_entry::Form& ballot, std::int64_t clerk_user_id,
                                          const std::vector<std::int64_t>& choices) {
  auto decision =
      paper_entry::enter(ballot, clerk_user_id, choices_text(choices), paper_entry::WhenHeld::TakeMoreEntries);
  if (decision.refusal == paper_entry::Refusal::AlreadyCounted) fail_conflict("该纸质选票已计入", "ballot_number");
  if (decision.refusal) fail_conflict("您已录入过该纸质选票，须由另一名录入员复核", "ballot_number");
  return decision.outcome;
}

void check_held(const paper_entry::Form& ballot) {
  if (!paper_entry::held(ballot)) fail_not_found("没有待核对的该纸质选票");
}

void check_paper_counted(const std::optional<PaperAccount>& account, std::int64_t typed, std::int64_t counted) {
  if (typed > 0 && !account) fail_conflict("请先登记纸质选票的发出、收回和作废张数");
  if (account && counted != account->returned) {
    fail_conflict("纸质选票收回 " + std::to_string(account->returned) + " 张，已核对计入 " + std::to_string(counted) +
                  " 张：请完成双人录入和核对");
  }
}

std::optional<NextRound> next_round(const Round& counted, const CountResult& result) {
  if (!result.round_valid()) return NextRound{counted.kind, counted.seats, counted.candidate_ids};
  if (!result.runoff.empty()) return NextRound{RoundKind::Runoff, result.runoff_seats, ids_of(result.runoff)};
  if (result.vacant_seats > 0 && counted.kind == RoundKind::First) {
    auto candidates = further_round_candidates(result, result.vacant_seats);
    if (static_cast<std::int64_t>(candidates.size()) > result.vacant_seats) {
      return NextRound{RoundKind::Further, result.vacant_seats, ids_of(candidates)};
    }
  }
  return std::nullopt;
}

RoundCount count_of_round(const Election& election, const Round& round, const RoundFacts& facts) {
  check_paper_counted(facts.paper_account, facts.paper_typed, facts.paper_counted);
  CountInput input;
  input.kind = round.kind;
  input.seats = round.seats;
  input.candidates = names_of(round.candidate_ids);
  input.majority_base = election.majority_base;
  input.voters = facts.voters;
  input.issued = facts.tokens_issued + (facts.paper_account ? facts.paper_account->issued : 0);
  for (const auto& ballot : facts.ballots) {
    auto choices = parse_choices_text(ballot.choices).value_or(std::vector<std::int64_t>{});
    input.ballots.push_back(CountBallot{choice_indexes(choices, round.candidate_ids, "choices")});
  }
  RoundCount count;
  try {
    count.result = count_round(input);
  } catch (const voting::InvalidLine& error) {
    fail_conflict(error.what());
  }
  count.stored = round_result_json(count.result, *input.issued, static_cast<std::int64_t>(input.ballots.size())).dump();
  count.next = next_round(round, count.result);
  return count;
}

std::string lot_drawings_with(const Election& election, const std::optional<Round>& round,
                              const std::vector<std::int64_t>& drawn) {
  check_step_allows(election, {kVoting, kFiling}, "抽签");
  if (!round) fail_not_found("找不到该轮次");
  if (!round->result) fail_conflict("该轮尚未计票");
  try {
    apply_lot(votes_from_json(parse_json(*round->result)["alternates"]), names_of(drawn));
  } catch (const voting::InvalidLine& error) {
    fail_invalid("order", error.what());
  }
  Json drawings = round->lot_drawing ? parse_json(*round->lot_drawing) : Json::array();
  drawings.push_back(drawn);
  return drawings.dump();
}

void check_step_allows(const Election& election, std::initializer_list<std::int64_t> steps, const std::string& action) {
  if (election.state != ElectionState::Running ||
      std::find(steps.begin(), steps.end(), election.current_step) == steps.end()) {
    std::string names;
    for (std::int64_t step : steps) {
      if (!names.empty()) names += "或";
      names += "「" + election.step_names[static_cast<std::size_t>(step - 1)] + "」";
    }
    fail_conflict(action + "只能在" + names + "步骤进行");
  }
}

std::vector<std::int64_t> roll_of(const std::vector<Household>& links, RollPolicy policy, int year) {
  std::set<std::int64_t> persons;
  if (policy == RollPolicy::AdultResidents) {
    for (const auto& link : links) {
      if (!link.birth_year || year - *link.birth_year >= 18) persons.insert(link.person_id);
    }
    return {persons.begin(), persons.end()};
  }
  // Per part, the best representative: designated voter, then owner, then resident; smallest id.
  std::map<std::int64_t, const Household*> chosen;
  auto rank = [](const Household& link) { return link.designated_voter ? 0 : link.owner ? 1 : 2; };
  for (const auto& link : links) {
    auto& best = chosen[link.part_id];
    if (!best || std::make_pair(rank(link), link.person_id) < std::make_pair(rank(*best), best->person_id))
      best = &link;
  }
  for (const auto& [part, link] : chosen) persons.insert(link->person_id);
  return {persons.begin(), persons.end()};
}

std::string choices_text(const std::vector<std::int64_t>& candidate_ids) {
  std::string text;
  for (std::int64_t id : candidate_ids) {
    if (!text.empty()) text += ',';
    text += std::to_string(id);
  }
  return text;
}

std::optional<std::vector<std::int64_t>> parse_choices_text(std::string_view text) {
  std::vector<std::int64_t> ids;
  while (!text.empty()) {
    auto comma = text.find(',');
    std::string part(text.substr(0, comma));
    text.remove_prefix(comma == std::string_view::npos ? text.size() : comma + 1);
    if (part.empty() || part.find_first_not_of("0123456789") != std::string::npos || part.size() > 18)
      return std::nullopt;
    ids.push_back(std::stoll(part));
  }
  return ids;
}

std::vector<std::size_t> choice_indexes(const std::vector<std::int64_t>& choices,
                                        const std::vector<std::int64_t>& candidate_ids, const std::string& field) {
  std::vector<std::size_t> indexes;
  std::set<std::int64_t> seen;
  for (std::size_t i = 0; i < choices.size(); ++i) {
    auto found = std::find(candidate_ids.begin(), candidate_ids.end(), choices[i]);
    if (found == candidate_ids.end()) fail_invalid(element_field(field, i), "不是本轮的候选人");
    if (!seen.insert(choices[i]).second) fail_invalid(element_field(field, i), "同一候选人选了两次");
    indexes.push_back(static_cast<std::size_t>(found - candidate_ids.begin()));
  }
  return indexes;
}

std::string ballot_box_hash(const std::vector<SealedBallot>& ballots) {
  std::string digest;
  for (const auto& ballot : ballots) {
    digest = crypto::sha256_hex(digest + "\n" + ballot.receipt_code + "|" + ballot.channel + "|" + ballot.choices +
                                "|" + ballot.cast_on);
  }
  return digest;
}

}  // namespace weizhi::elections
