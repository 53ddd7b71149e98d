// The access module's part of the demo street: every compound of the pilot's communities (德胜, 翠玉, 东一, 东二)
// has a main gate staffed day and night by two guards, a middle gate closed 23:00–05:30 and a small gate, and each
// of its registered residents (the demo resident among them) a rotating QR code, with the committee's approval for
// the small gate where the compound has a committee.
#include <stdexcept>

#include "audit/audit.hpp"
#include "core/crypto.hpp"
#include "modules/access/devices.hpp"
#include "modules/access/module.hpp"
#include "modules/access/rules.hpp"
#include "modules/access/store.hpp"

namespace weizhi::access {

namespace {

constexpr const char* kPilotCommunities[] = {"desheng", "cuiyu", "dongyi", "donger"};
constexpr const char* kValidFrom = "2026-01-01";
constexpr const char* kValidTo = "2028-12-31";
const Weekdays kEveryDay{1, 2, 3, 4, 5, 6, 7};

Hours open_between(int from, int to) { return Hours{false, {OpenWindow{kEveryDay, from, to}}}; }

void seed_gates(store::Tx& tx, std::int64_t compound_id) {
  std::int64_t main =
      insert_gate(tx, compound_id, {"南大门", Tier::Main, Hours{}, GateStatus::Open, "保安 24 小时值守"});
  replace_shifts(tx, main, {{"王建国", {kEveryDay, 8 * 60, 20 * 60}}, {"李卫东", {kEveryDay, 20 * 60, 8 * 60}}});
  insert_gate(tx, compound_id,
              {"东中门", Tier::Middle, open_between(5 * 60 + 30, 23 * 60), GateStatus::Open, "23:00–05:30 关闭"});
  insert_gate(tx, compound_id,
              {"北小门", Tier::Small, open_between(6 * 60, 22 * 60), GateStatus::Open, "居民自主管理"});
}

// The first current member of the compound's committee, who approves its residents' small-gate access.
std::optional<std::int64_t> approving_member(store::Tx& tx, std::int64_t compound_id) {
  auto row = tx.query_one(
      "SELECT m.person_id FROM committee_members m JOIN committees c ON c.id = m.committee_id "
      "WHERE c.compound_node_id = ? AND c.ended_on IS NULL AND m.left_at IS NULL ORDER BY m.id LIMIT 1",
      {compound_id});
  return row ? std::optional<std::int64_t>(row->i64(0)) : std::nullopt;
}

std::int64_t seed_credentials(modules::SeedContext& seed, std::int64_t compound_id, const std::string& path) {
  std::optional<Approval> approval;
  if (auto member = approving_member(seed.tx, compound_id)) approval = Approval{*member, "自管会〔2026〕1号决定"};
  std::int64_t issued = 0;
  for (const auto& row : seed.tx.query("SELECT DISTINCT l.person_id FROM part_links l "
                                       "JOIN org_nodes n ON n.id = l.part_node_id JOIN people p ON p.id = l.person_id "
                                       "WHERE p.is_developer = 0 AND n.path LIKE ? ORDER BY l.person_id",
                                       {path + "%"})) {
    CredentialInput input{compound_id,  row.i64(0), std::nullopt, CredentialKind::Qr,
                          std::nullopt, kValidFrom, kValidTo,     approval};
    insert_credential(seed.tx, input, seed.data_key.encrypt(crypto::random_hex(kSecretBytes)));
    ++issued;
  }
  return issued;
}

}  // namespace

void seed_demo(modules::SeedContext& seed) {
  std::int64_t compounds = 0, credentials = 0;
  for (const char* community : kPilotCommunities) {
    auto community_path = seed.tx.query_one("SELECT path FROM org_nodes WHERE id = ?", {seed.node(community)});
    for (const auto& row : seed.tx.query("SELECT id, path FROM org_nodes WHERE kind = 'compound' AND path LIKE ? "
                                         "ORDER BY id",
                                         {community_path->text(0) + "%"})) {
      seed_gates(seed.tx, row.i64(0));
      seed_devices(seed, row.i64(0));
      credentials += seed_credentials(seed, row.i64(0), row.text(1));
      ++compounds;
    }
  }
  if (compounds == 0) throw std::runtime_error("access seed: the pilot communities have no compounds");
  audit::record(seed.tx, "cli:seed", "access.seed", "access",
                {{"compounds", compounds}, {"gates", compounds * 3}, {"credentials", credentials}});
}

}  // namespace weizhi::access
