// Voting storage. A vote's list-valued fields (scope nodes, items, channels) are JSON arrays in
// one column each: they are read and written with the vote, never queried on their own.
#include "modules/voting/store.hpp"

#include <algorithm>
#include <deque>
#include <map>
#include <mutex>
#include <stdexcept>

#include "core/crypto.hpp"
#include "core/error.hpp"
#include "core/json.hpp"
#include "modules/media/media.hpp"
#include "modules/org/org.hpp"
#include "modules/voting/files.hpp"
#include "modules/voting/rules.hpp"
#include "store/rows.hpp"
#include "store/select.hpp"

namespace weizhi::voting {

namespace {

constexpr const char* kVoteColumns =
    "SELECT v.id, v.compound_node_id, v.title, v.matter, v.scope_kind, v.scope_node_ids, v.items, v.opens_at, "
    "v.closes_at, v.channels, v.follow_majority, v.extension, v.extended, v.state, v.organiser_user_id, "
    "v.roll_fingerprint, v.ballots_fingerprint, v.result_fingerprint, v.result, v.created_at, v.opened_at, "
    "v.closed_at, v.published_at, v.terms_fixed_by, v.documents, v.photos, v.identity_check FROM votes v ";

template <class T>
T stored(std::optional<T> value, const std::string& what) {
  if (!value) throw std::runtime_error("voting: malformed stored " + what);
  return *value;
}

Vote to_vote(const store::Row& row) {
  Vote vote{};
  vote.id = row.i64(0);
  VoteInput& input = vote.input;
  input.compound_node_id = row.i64(1);
  input.title = row.text(2);
  input.matter = static_cast<int>(row.i64(3));
  input.scope.kind = stored(parse_code(kScopeKinds, row.text(4)), "scope kind");
  input.scope.node_ids = Json::parse(row.text(5)).get<std::vector<std::int64_t>>();
  input.items = Json::parse(row.text(6)).get<std::vector<std::string>>();
  input.opens_at = row.text(7);
  input.closes_at = row.text(8);
  for (const auto& code : Json::parse(row.text(9)))
    input.channels.push_back(stored(parse_code(kChannels, code.get<std::string>()), "channel"));
  input.policies.follow_majority = stored(parse_code(kFollowMajorityRules, row.text(10)), "follow-majority rule");
  input.policies.extension = stored(parse_code(kExtensions, row.text(11)), "extension policy");
  vote.extended = row.i64(12) != 0;
  vote.state = stored(parse_code(kVoteStates, row.text(13)), "state");
  vote.organiser_user_id = row.i64(14);
  vote.roll_fingerprint = row.optional_text(15);
  vote.ballots_fingerprint = row.optional_text(16);
  vote.result_fingerprint = row.optional_text(17);
  vote.result = row.optional_text(18);
  vote.created_at = row.text(19);
  vote.opened_at = row.optional_text(20);
  vote.closed_at = row.optional_text(21);
  vote.published_at = row.optional_text(22);
  vote.terms_fixed_by = row.optional_text(23);
  for (const auto& document : Json::parse(row.text(24))) {
    vote.materials.documents.push_back(
        Document{document.at("name").get<std::string>(), document.at("reference").get<std::string>()});
  }
  vote.materials.photos = Json::parse(row.text(25)).get<std::vector<std::string>>();
  if (auto policy = row.optional_text(26))
    vote.identity_check = stored(parse_code(kIdentityCheckPolicies, *policy), "policy");
  return vote;
}

// The SQL condition on org node `n` (and its parameters) selecting the parts in the vote's scope.
std::pair<std::string, store::Params> scope_condition(store::Connection& connection, const Vote& vote) {
  const VoteScope& scope = vote.input.scope;
  if (scope.kind == ScopeKind::Parts) {
    store::Params params(scope.node_ids.begin(), scope.node_ids.end());
    return {"n.id IN (" + store::placeholders(scope.node_ids.size()) + ")", params};
  }
  std::vector<std::int64_t> roots = scope.node_ids;
  if (scope.kind == ScopeKind::Compound) roots = {vote.input.compound_node_id};
  std::string condition;
  store::Params params;
  for (std::int64_t root : roots) {
    auto node = org::find_node(connection, root);
    if (!node) throw std::runtime_error("voting: scope node " + std::to_string(root) + " has gone");
    condition += (condition.empty() ? "" : " OR ") + std::string("n.path LIKE ?");
    params.emplace_back(node->path + "%");
  }
  return {"(" + condition + ")", params};
}

// The registry's parts in scope with their owners, as people::build_roll takes them.
std::vector<people::OwnedPart> parts_in_scope(store::Connection& connection, const Vote& vote) {
  auto [condition, params] = scope_condition(connection, vote);
  std::vector<people::OwnedPart> parts;
  std::map<std::int64_t, std::size_t> index;
  for (const auto& row : connection.query("SELECT p.node_id, p.area_centi_m2, p.use FROM parts p "
                                          "JOIN org_nodes n ON n.id = p.node_id WHERE " +
                                              condition + " ORDER BY p.node_id",
                                          params)) {
    index[row.i64(0)] = parts.size();
    parts.push_back(people::OwnedPart{row.i64(0), row.i64(1), row.text(2), {}});
  }
  for (const auto& row :
       connection.query("SELECT l.part_node_id, l.person_id, pe.is_developer, l.designated_voter FROM part_links l "
                        "JOIN people pe ON pe.id = l.person_id JOIN org_nodes n ON n.id = l.part_node_id "
                        "WHERE l.relation = 'owner' AND " +
                            condition + " ORDER BY l.part_node_id, l.person_id",
                        params)) {
    auto part = index.find(row.i64(0));
    if (part == index.end()) continue;
    parts[part->second].owners.push_back(people::PartOwner{row.i64(1), row.i64(2) != 0, row.i64(3) != 0});
  }
  return parts;
}

bool on_roll(store::Connection& connection, std::int64_t vote_id, std::int64_t voter_id) {
  return connection.query_one("SELECT 1 FROM vote_roll WHERE vote_id = ? AND owner_id = ? LIMIT 1", {vote_id, voter_id})
      .has_value();
}

// The roll line in the first five columns: part_id, owner_id, owner_kind, area_centi_m2, use.
RollEntry to_roll_entry(const store::Row& row) {
  return RollEntry{row.i64(0), row.i64(1), stored(parse_code(kOwnerKinds, row.text(2)), "owner kind"), row.i64(3),
                   stored(parse_code(kPartUses, row.text(4)), "use")};
}

constexpr const char* kBallotColumns =
    "SELECT id, voter_id, channel, choices, receipt_code, proxy_person_id, recorded_at FROM vote_ballots ";

BallotRecord to_ballot(const store::Row& row) {
  return BallotRecord{row.i64(0),
                      row.i64(1),
                      stored(parse_code(kChannels, row.text(2)), "channel"),
                      stored(parse_choices_text(row.text(3)), "choices"),
                      row.text(4),
                      row.optional_i64(5),
                      row.text(6)};
}

// One statement records the ballot only for a voter on the roll who has none yet: ballots come
// one after another through the single writer, so the common case pays for one statement instead
// of three. When nothing is recorded, the reason is looked up.
BallotRecord insert_ballot(store::Tx& tx, const Vote& vote, const NewBallot& ballot, TimePoint now) {
  std::string code = receipt_code(crypto::random_hex(10));
  std::string at = iso_utc(now);
  auto inserted = tx.query_one(
      "INSERT INTO vote_ballots (vote_id, voter_id, channel, choices, receipt_code, recorded_by_user_id, "
      "proxy_person_id, recorded_at) SELECT r.vote_id, r.owner_id, ?, ?, ?, CAST(? AS BIGINT), CAST(? AS BIGINT), ? "
      "FROM vote_roll r WHERE r.vote_id = ? AND r.owner_id = ? LIMIT 1 "
      "ON CONFLICT (vote_id, voter_id) DO NOTHING RETURNING id",
      {code_of(kChannels, ballot.channel), choices_text(ballot.choices), code, ballot.recorded_by_user_id,
       ballot.proxy_person_id, at, vote.id, ballot.voter_id});
  if (!inserted) fail_unrecorded_ballot(ballot_channel(tx.connection(), vote.id, ballot.voter_id));
  return BallotRecord{
      inserted->i64(0), ballot.voter_id, ballot.channel, ballot.choices, code, ballot.proxy_person_id, at};
}

std::vector<ClerkEntry> entries_of(store::Connection& connection, std::int64_t vote_id, std::int64_t voter_id) {
  return store::map_rows(
      connection.query("SELECT e.clerk_user_id, u.login, e.choices, e.entered_at "
                       "FROM vote_paper_entries e JOIN users u ON u.id = e.clerk_user_id "
                       "WHERE e.vote_id = ? AND e.voter_id = ? ORDER BY e.id",
                       {vote_id, voter_id}),
      [](const store::Row& row) {
        return ClerkEntry{row.i64(0), row.text(1), stored(parse_choices_text(row.text(2)), "choices"), row.text(3)};
      });
}

}  // namespace

namespace {

std::string channels_text(const std::vector<Channel>& channels) {
  Json codes = Json::array();
  for (Channel channel : channels) codes.push_back(code_of(kChannels, channel));
  return codes.dump();
}

}  // namespace

TermsFacts terms_facts(store::Connection& connection, const VoteInput& input) {
  TermsFacts facts{org::find_node(connection, input.compound_node_id), {}};
  for (std::int64_t id : input.scope.node_ids) facts.scope_nodes.push_back(org::find_node(connection, id));
  return facts;
}

std::int64_t create_vote(store::Tx& tx, const CheckedTerms& terms, std::int64_t organiser_user_id,
                         const std::optional<std::string>& terms_fixed_by) {
  const VoteInput& input = terms.input();
  return tx.scalar(
      "INSERT INTO votes (compound_node_id, title, matter, scope_kind, scope_node_ids, items, opens_at, closes_at, "
      "channels, follow_majority, extension, state, organiser_user_id, created_at, terms_fixed_by) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {input.compound_node_id, input.title, input.matter, code_of(kScopeKinds, input.scope.kind),
       Json(input.scope.node_ids).dump(), Json(input.items).dump(), iso_utc(*parse_iso(input.opens_at)),
       iso_utc(*parse_iso(input.closes_at)), channels_text(input.channels),
       code_of(kFollowMajorityRules, input.policies.follow_majority), code_of(kExtensions, input.policies.extension),
       code_of(kVoteStates, VoteState::Draft), organiser_user_id, iso_utc(tx.now()), terms_fixed_by});
}

void update_draft(store::Tx& tx, const Vote& vote, const CheckedTerms& terms) {
  const VoteInput& input = terms.input();
  tx.exec(
      "UPDATE votes SET title = ?, matter = ?, scope_kind = ?, scope_node_ids = ?, items = ?, opens_at = ?, "
      "closes_at = ?, channels = ?, follow_majority = ?, extension = ? WHERE id = ? AND state = ?",
      {input.title, input.matter, code_of(kScopeKinds, input.scope.kind), Json(input.scope.node_ids).dump(),
       Json(input.items).dump(), iso_utc(*parse_iso(input.opens_at)), iso_utc(*parse_iso(input.closes_at)),
       channels_text(input.channels), code_of(kFollowMajorityRules, input.policies.follow_majority),
       code_of(kExtensions, input.policies.extension), vote.id, code_of(kVoteStates, VoteState::Draft)});
}

void save_materials(store::Tx& tx, std::int64_t vote_id, const Materials& materials) {
  media::require_stored_photos(tx.connection(), materials.photos, "photos");
  Json documents = Json::array();
  for (const auto& document : materials.documents) {
    documents.push_back({{"name", document.name}, {"reference", document.reference}});
  }
  tx.exec("UPDATE votes SET documents = ?, photos = ? WHERE id = ? AND state = ?",
          {documents.dump(), Json(materials.photos).dump(), vote_id, code_of(kVoteStates, VoteState::Draft)});
}

std::optional<Vote> find_vote(store::Connection& connection, std::int64_t id) {
  return store::map_row(connection.query_one(std::string(kVoteColumns) + "WHERE v.id = ?", {id}), to_vote);
}

std::vector<Vote> votes_under(store::Connection& connection, const std::string& path) {
  return store::map_rows(
      connection.query(std::string(kVoteColumns) +
                           "JOIN org_nodes c ON c.id = v.compound_node_id WHERE c.path LIKE ? ORDER BY v.id DESC",
                       {path + "%"}),
      to_vote);
}

std::vector<Vote> votes_published_since(store::Connection& connection, const std::string& since) {
  return store::map_rows(connection.query(std::string(kVoteColumns) +
                                              "WHERE v.state = 'published' AND v.published_at >= ? ORDER BY v.id DESC",
                                          {since}),
                         to_vote);
}

std::optional<std::int64_t> vote_compound(store::Connection& connection, std::int64_t id) {
  return store::map_row(connection.query_one("SELECT compound_node_id FROM votes WHERE id = ?", {id}),
                        store::first_integer);
}

std::vector<RollEntry> registry_roll(store::Connection& connection, const Vote& vote) {
  return roll_from_registry(parts_in_scope(connection, vote));
}

void freeze_roll(store::Tx& tx, const Vote& vote, const std::vector<RollEntry>& roll, TimePoint now) {
  for (const auto& entry : roll) {
    tx.exec(
        "INSERT INTO vote_roll (vote_id, part_id, owner_id, owner_kind, area_centi_m2, use) VALUES (?, ?, ?, ?, ?, ?)",
        {vote.id, entry.part_id, entry.owner_id ? store::Value(entry.owner_id) : store::Value(),
         code_of(kOwnerKinds, entry.owner_kind), entry.area_centi_m2, code_of(kPartUses, entry.use)});
  }
  // The street's identity-check policy is frozen with the roll: a later change never alters an open vote.
  auto policy = identity_check_policy_of_street(tx.connection(),
                                                org::street_of_node(tx.connection(), vote.input.compound_node_id));
  tx.exec("UPDATE votes SET state = ?, roll_fingerprint = ?, opened_at = ?, identity_check = ? WHERE id = ?",
          {code_of(kVoteStates, VoteState::Open), crypto::sha256_hex(roll_csv(roll)), iso_utc(now),
           code_of(kIdentityCheckPolicies, policy), vote.id});
}

std::vector<RollEntry> open_vote(store::Tx& tx, const Vote& vote, TimePoint now) {
  auto roll = registry_roll(tx.connection(), vote);
  freeze_roll(tx, vote, roll, now);
  return roll;
}

std::vector<RollEntry> roll_of(store::Connection& connection, std::int64_t vote_id) {
  return store::map_rows(
      connection.query(
          "SELECT part_id, owner_id, owner_kind, area_centi_m2, use FROM vote_roll WHERE vote_id = ? ORDER BY part_id",
          {vote_id}),
      to_roll_entry);
}

std::shared_ptr<const Electorate> frozen_electorate(store::Connection& connection, const Vote& vote) {
  if (!vote.roll_fingerprint) throw std::logic_error("frozen_electorate: the vote has not been opened");
  static constexpr std::size_t kKept = 8;
  static std::mutex mutex;
  static std::deque<std::pair<std::string, std::shared_ptr<const Electorate>>> kept;  // oldest first
  std::string key = std::to_string(vote.id) + ":" + *vote.roll_fingerprint;
  {
    std::lock_guard lock(mutex);
    for (const auto& [kept_key, electorate] : kept) {
      if (kept_key == key) return electorate;
    }
  }
  auto electorate = std::make_shared<const Electorate>(electorate_of(roll_of(connection, vote.id)));
  std::lock_guard lock(mutex);
  if (kept.size() >= kKept) kept.pop_front();
  kept.emplace_back(std::move(key), electorate);
  return electorate;
}

std::vector<NamedRollEntry> named_roll(store::Connection& connection, std::int64_t vote_id) {
  return store::map_rows(
      connection.query(
          "SELECT r.part_id, r.owner_id, r.owner_kind, r.area_centi_m2, r.use, n.name, p.name_masked, "
          "COALESCE(b.name, ''), COALESCE(u.name, '') FROM vote_roll r JOIN org_nodes n ON n.id = r.part_id "
          "LEFT JOIN org_nodes u ON u.id = n.parent_id AND u.kind = 'unit' "
          "LEFT JOIN org_nodes b ON b.id = u.parent_id AND b.kind = 'building' "
          "LEFT JOIN people p ON p.id = r.owner_id WHERE r.vote_id = ? ORDER BY r.part_id",
          {vote_id}),
      [](const store::Row& row) {
        return NamedRollEntry{to_roll_entry(row), row.text(7), row.text(8), row.text(5), row.optional_text(6)};
      });
}

std::set<std::int64_t> roll_parts_at_address(store::Connection& connection, std::int64_t vote_id,
                                             const AddressKeyRange& keys) {
  // PostgreSQL compares text by the locale unless told otherwise; the key range is in byte order.
  std::string key = connection.dialect() == store::Dialect::Postgres ? "p.address_key COLLATE \"C\"" : "p.address_key";
  auto ids = store::map_rows(connection.query("SELECT r.part_id FROM vote_roll r JOIN parts p ON p.node_id = r.part_id "
                                              "WHERE r.vote_id = ? AND " +
                                                  key + " >= ? AND " + key + " < ?",
                                              {vote_id, keys.first, keys.end}),
                             store::first_integer);
  return {ids.begin(), ids.end()};
}

std::vector<std::int64_t> non_voter_accounts(store::Connection& connection, std::int64_t vote_id) {
  return store::map_rows(
      connection.query("SELECT DISTINCT u.id FROM vote_roll r JOIN users u ON u.person_id = r.owner_id "
                       "WHERE r.vote_id = ? AND u.disabled = 0 AND NOT EXISTS (SELECT 1 FROM vote_ballots b "
                       "WHERE b.vote_id = r.vote_id AND b.voter_id = r.owner_id) ORDER BY u.id",
                       {vote_id}),
      store::first_integer);
}

std::map<std::int64_t, std::string> voter_names(store::Connection& connection, std::int64_t vote_id) {
  std::map<std::int64_t, std::string> names;
  for (const auto& row : connection.query("SELECT DISTINCT r.owner_id, p.name_masked FROM vote_roll r "
                                          "JOIN people p ON p.id = r.owner_id WHERE r.vote_id = ?",
                                          {vote_id})) {
    names[row.i64(0)] = row.text(1);
  }
  return names;
}

std::vector<Vote> votes_of_person(store::Connection& connection, std::int64_t person_id) {
  return store::map_rows(
      connection.query(
          std::string(kVoteColumns) +
              "WHERE v.state IN ('open', 'published') AND (EXISTS (SELECT 1 FROM vote_roll r WHERE r.vote_id = v.id "
              "AND r.owner_id = ?) OR EXISTS (SELECT 1 FROM vote_proxies x WHERE x.vote_id = v.id AND "
              "x.proxy_person_id = ?)) ORDER BY v.id DESC",
          {person_id, person_id}),
      to_vote);
}

ProxyFacts proxy_facts(store::Connection& connection, std::int64_t vote_id, std::int64_t voter_id,
                       std::int64_t proxy_person_id) {
  return ProxyFacts{
      on_roll(connection, vote_id, voter_id),
      connection.query_one("SELECT id FROM people WHERE id = ?", {proxy_person_id}).has_value(),
      connection.query_one("SELECT 1 FROM vote_proxies WHERE vote_id = ? AND voter_id = ?", {vote_id, voter_id})
          .has_value()};
}

void record_proxy(store::Tx& tx, std::int64_t vote_id, const NewProxy& proxy, TimePoint now) {
  tx.exec(
      "INSERT INTO vote_proxies (vote_id, voter_id, proxy_person_id, source, letter_reference, statement_enc, "
      "created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
      {vote_id, proxy.voter_id, proxy.proxy_person_id, code_of(kProxySources, proxy.source), proxy.letter_reference,
       proxy.statement_sealed ? store::Value(*proxy.statement_sealed) : store::Value(), iso_utc(now)});
}

void withdraw_proxy(store::Tx& tx, std::int64_t vote_id, std::int64_t voter_id) {
  tx.exec("DELETE FROM vote_proxies WHERE vote_id = ? AND voter_id = ?", {vote_id, voter_id});
}

namespace {

constexpr const char* kProxyColumns =
    "SELECT x.voter_id, v.name_masked, x.proxy_person_id, p.name_masked, x.source, x.letter_reference, "
    "x.statement_enc, x.created_at FROM vote_proxies x JOIN people v ON v.id = x.voter_id "
    "JOIN people p ON p.id = x.proxy_person_id ";

ProxyRecord to_proxy(const store::Row& row) {
  return ProxyRecord{row.i64(0),
                     row.text(1),
                     row.i64(2),
                     row.text(3),
                     stored(parse_code(kProxySources, row.text(4)), "source"),
                     row.text(5),
                     row.optional_text(6),
                     row.text(7)};
}

}  // namespace

std::vector<ProxyRecord> proxies_of(store::Connection& connection, std::int64_t vote_id) {
  return store::map_rows(
      connection.query(std::string(kProxyColumns) + "WHERE x.vote_id = ? ORDER BY x.created_at, x.voter_id", {vote_id}),
      to_proxy);
}

std::optional<ProxyRecord> proxy_of(store::Connection& connection, std::int64_t vote_id, std::int64_t voter_id) {
  return store::map_row(
      connection.query_one(std::string(kProxyColumns) + "WHERE x.vote_id = ? AND x.voter_id = ?", {vote_id, voter_id}),
      to_proxy);
}

std::vector<std::int64_t> accounts_of_person(store::Connection& connection, std::int64_t person_id) {
  return store::map_rows(
      connection.query("SELECT id FROM users WHERE person_id = ? AND disabled = 0 ORDER BY id", {person_id}),
      store::first_integer);
}

std::vector<std::int64_t> voters_cast_by(store::Connection& connection, std::int64_t vote_id, std::int64_t person_id) {
  auto voters = store::map_rows(
      connection.query("SELECT voter_id FROM vote_proxies WHERE vote_id = ? AND proxy_person_id = ? ORDER BY voter_id",
                       {vote_id, person_id}),
      store::first_integer);
  if (on_roll(connection, vote_id, person_id)) voters.insert(voters.begin(), person_id);
  return voters;
}

std::optional<Channel> ballot_channel(store::Connection& connection, std::int64_t vote_id, std::int64_t voter_id) {
  auto row =
      connection.query_one("SELECT channel FROM vote_ballots WHERE vote_id = ? AND voter_id = ?", {vote_id, voter_id});
  if (!row) return std::nullopt;
  return stored(parse_code(kChannels, row->text(0)), "channel");
}

std::optional<BallotRecord> find_ballot(store::Connection& connection, std::int64_t vote_id, std::int64_t voter_id) {
  return store::map_row(
      connection.query_one(std::string(kBallotColumns) + "WHERE vote_id = ? AND voter_id = ?", {vote_id, voter_id}),
      to_ballot);
}

BallotRecord record_ballot(store::Tx& tx, const Vote& vote, const NewBallot& ballot, TimePoint now) {
  return insert_ballot(tx, vote, ballot, now);
}

std::vector<BallotRecord> ballots_of(store::Connection& connection, std::int64_t vote_id) {
  return store::map_rows(
      connection.query(std::string(kBallotColumns) + "WHERE vote_id = ? ORDER BY voter_id", {vote_id}), to_ballot);
}

std::vector<OwnBallot> ballots_of_voter(store::Connection& connection, std::int64_t person_id) {
  return store::map_rows(
      connection.query("SELECT b.vote_id, v.title, b.channel, b.recorded_at FROM vote_ballots b "
                       "JOIN votes v ON v.id = b.vote_id WHERE b.voter_id = ? ORDER BY b.recorded_at DESC, b.id DESC",
                       {person_id}),
      [](const store::Row& row) {
        return OwnBallot{row.i64(0), row.text(1), row.text(2), row.text(3)};
      });
}

std::vector<std::int64_t> voters_with_ballot(store::Connection& connection, std::int64_t vote_id) {
  return store::map_rows(connection.query("SELECT voter_id FROM vote_ballots WHERE vote_id = ?", {vote_id}),
                         store::first_integer);
}

PaperForm paper_form(store::Connection& connection, std::int64_t vote_id, std::int64_t voter_id) {
  PaperForm form{on_roll(connection, vote_id, voter_id), ballot_channel(connection, vote_id, voter_id), {}};
  for (const auto& entry : entries_of(connection, vote_id, voter_id)) {
    form.entries.push_back(paper_entry::Entry{entry.clerk_user_id, choices_text(entry.choices)});
  }
  return form;
}

std::optional<BallotRecord> save_paper_entry(store::Tx& tx, const Vote& vote, std::int64_t voter_id,
                                             std::int64_t clerk_user_id, const std::vector<Choice>& choices,
                                             paper_entry::Outcome outcome, TimePoint now) {
  tx.exec(
      "INSERT INTO vote_paper_entries (vote_id, voter_id, clerk_user_id, choices, entered_at) VALUES (?, ?, ?, ?, ?)",
      {vote.id, voter_id, clerk_user_id, choices_text(choices), iso_utc(now)});
  if (outcome != paper_entry::Outcome::Counted) return std::nullopt;
  return insert_ballot(tx, vote, NewBallot{voter_id, Channel::Paper, choices, clerk_user_id, std::nullopt}, now);
}

std::int64_t forms_awaiting_second_entry(store::Connection& connection, std::int64_t vote_id,
                                         std::int64_t clerk_user_id) {
  return connection.scalar(
      "SELECT COUNT(*) FROM (SELECT e.voter_id FROM vote_paper_entries e WHERE e.vote_id = ? AND NOT EXISTS "
      "(SELECT 1 FROM vote_ballots b WHERE b.vote_id = e.vote_id AND b.voter_id = e.voter_id) "
      "GROUP BY e.voter_id HAVING COUNT(*) = 1 AND MAX(e.clerk_user_id) <> ?) typed_once",
      {vote_id, clerk_user_id});
}

std::vector<HeldForm> held_forms(store::Connection& connection, std::int64_t vote_id) {
  return store::map_rows(
      connection.query(
          "SELECT e.voter_id, p.name_masked FROM vote_paper_entries e JOIN people p ON p.id = e.voter_id "
          "WHERE e.vote_id = ? AND NOT EXISTS (SELECT 1 FROM vote_ballots b WHERE b.vote_id = e.vote_id AND "
          "b.voter_id = e.voter_id) GROUP BY e.voter_id, p.name_masked HAVING COUNT(*) >= 2 ORDER BY e.voter_id",
          {vote_id}),
      [&](const store::Row& row) {
        return HeldForm{row.i64(0), row.text(1), entries_of(connection, vote_id, row.i64(0))};
      });
}

BallotRecord settle_paper_form(store::Tx& tx, const Vote& vote, std::int64_t voter_id, std::int64_t supervisor_user_id,
                               const std::vector<Choice>& choices, TimePoint now) {
  return insert_ballot(tx, vote, NewBallot{voter_id, Channel::Paper, choices, supervisor_user_id, std::nullopt}, now);
}

IdentityCheckPolicy identity_check_policy_of_street(store::Connection& connection, std::int64_t street_node_id) {
  auto row = connection.query_one("SELECT online_ballot_id_check FROM voting_policies WHERE street_node_id = ?",
                                  {street_node_id});
  if (!row) return IdentityCheckPolicy::All;
  return stored(parse_code(kIdentityCheckPolicies, row->text(0)), "identity-check policy");
}

void save_identity_check_policy(store::Tx& tx, std::int64_t street_node_id, IdentityCheckPolicy policy) {
  tx.exec("DELETE FROM voting_policies WHERE street_node_id = ?", {street_node_id});
  tx.exec("INSERT INTO voting_policies (street_node_id, online_ballot_id_check, updated_at) VALUES (?, ?, ?)",
          {street_node_id, code_of(kIdentityCheckPolicies, policy), iso_utc(tx.now())});
}

IdentityCheck identity_check_of(store::Connection& connection, std::int64_t vote_id, std::int64_t person_id) {
  auto row = connection.query_one(
      "SELECT failures, passed_at FROM vote_identity_checks WHERE vote_id = ? AND person_id = ?", {vote_id, person_id});
  if (!row) return IdentityCheck{};
  return IdentityCheck{row->i64(0), row->optional_text(1).has_value()};
}

std::optional<std::int64_t> count_identity_failure(store::Tx& tx, std::int64_t vote_id, std::int64_t person_id,
                                                   TimePoint now) {
  return store::map_row(
      tx.query_one("INSERT INTO vote_identity_checks (vote_id, person_id, failures, updated_at) VALUES (?, ?, 1, ?) "
                   "ON CONFLICT (vote_id, person_id) DO UPDATE SET failures = vote_identity_checks.failures + 1, "
                   "updated_at = excluded.updated_at WHERE vote_identity_checks.passed_at IS NULL AND "
                   "vote_identity_checks.failures < ? RETURNING failures",
                   {vote_id, person_id, iso_utc(now), kIdentityTries}),
      store::first_integer);
}

bool pass_identity(store::Tx& tx, std::int64_t vote_id, std::int64_t person_id, TimePoint now) {
  std::string at = iso_utc(now);
  return tx
      .query_one(
          "INSERT INTO vote_identity_checks (vote_id, person_id, failures, passed_at, updated_at) "
          "VALUES (?, ?, 0, ?, ?) ON CONFLICT (vote_id, person_id) DO UPDATE SET "
          "passed_at = COALESCE(vote_identity_checks.passed_at, excluded.passed_at), "
          "updated_at = excluded.updated_at WHERE vote_identity_checks.failures < ? RETURNING failures",
          {vote_id, person_id, at, at, kIdentityTries})
      .has_value();
}

void close_vote(store::Tx& tx, const Vote& vote, TimePoint now) {
  tx.exec("UPDATE votes SET state = ?, closed_at = ? WHERE id = ?",
          {code_of(kVoteStates, VoteState::Closed), iso_utc(now), vote.id});
}

void extend_vote(store::Tx& tx, std::int64_t vote_id, TimePoint deadline) {
  tx.exec("UPDATE votes SET state = ?, closes_at = ?, extended = 1, closed_at = NULL WHERE id = ?",
          {code_of(kVoteStates, VoteState::Open), iso_utc(deadline), vote_id});
}

VoteFiles vote_files(store::Connection& connection, const Vote& vote) {
  VoteFiles files;
  auto roll = roll_of(connection, vote.id);
  std::vector<BallotEntry> entries;
  for (const auto& ballot : ballots_of(connection, vote.id)) {
    for (std::size_t item = 0; item < ballot.choices.size(); ++item) {
      entries.push_back(BallotEntry{ballot.voter_id, static_cast<std::int64_t>(item + 1), ballot.choices[item]});
    }
  }
  files.roll_csv = roll_csv(roll);
  files.ballots_csv = ballots_csv(entries);
  files.results = tally(electorate_of(roll), entries, *threshold_of(vote.input.matter),
                        vote.input.policies.follow_majority, static_cast<std::int64_t>(vote.input.items.size()));
  files.result_json = result_json(files.results);
  return files;
}

VoteFiles publish_vote(store::Tx& tx, const Vote& vote, TimePoint now) {
  VoteFiles files = vote_files(tx.connection(), vote);
  tx.exec(
      "UPDATE votes SET state = ?, ballots_fingerprint = ?, result_fingerprint = ?, result = ?, published_at = ? "
      "WHERE id = ?",
      {code_of(kVoteStates, VoteState::Published), crypto::sha256_hex(files.ballots_csv),
       crypto::sha256_hex(files.result_json), files.result_json, iso_utc(now), vote.id});
  return files;
}

std::optional<Receipt> find_receipt(store::Connection& connection, const std::string& code) {
  return store::map_row(connection.query_one("SELECT v.id, v.title, v.state, b.channel, b.choices, b.recorded_at "
                                             "FROM vote_ballots b JOIN votes v ON v.id = b.vote_id "
                                             "WHERE b.receipt_code = ?",
                                             {code}),
                        [](const store::Row& row) {
                          return Receipt{row.i64(0),
                                         row.text(1),
                                         stored(parse_code(kVoteStates, row.text(2)), "state"),
                                         stored(parse_code(kChannels, row.text(3)), "channel"),
                                         stored(parse_choices_text(row.text(4)), "choices"),
                                         row.text(5)};
                        });
}

}  // namespace weizhi::voting
