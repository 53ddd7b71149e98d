// SQL of notices (see notices_store.hpp). Only portable SQL; dates are YYYY-MM-DD text, times iso_utc text.
#include "modules/engagement/notices_store.hpp"

#include <map>

#include "core/json.hpp"
#include "core/time.hpp"
#include "modules/module.hpp"
#include "modules/org/org.hpp"
#include "store/rows.hpp"

namespace weizhi::engagement {

namespace {

constexpr const char* kNoticeColumns =
    "SELECT n.id, n.node_id, n.title, n.body, n.kind, n.audience, n.starts_on, n.ends_on, n.needs_ack, "
    "n.attachment_ids, n.withdrawn_at, n.withdraw_reason, n.created_at, n.updated_at, o.name, o.path "
    "FROM notices n JOIN org_nodes o ON o.id = n.node_id ";

std::vector<std::string> ids_of(const std::string& text) {
  std::vector<std::string> ids;
  for (const auto& id : parse_json(text)) ids.push_back(id.get<std::string>());
  return ids;
}

std::string ids_text(const std::vector<std::string>& ids) { return Json(ids).dump(); }

Notice to_notice(const store::Row& row) {
  return Notice{.id = row.i64(0),
                .input = {.node_id = row.i64(1),
                          .title = row.text(2),
                          .body = row.text(3),
                          .kind = parse_code(kNoticeKinds, row.text(4)).value_or(NoticeKind::Notice),
                          .audience = parse_code(kNoticeAudiences, row.text(5)).value_or(NoticeAudience::Residents),
                          .starts_on = row.text(6),
                          .ends_on = row.text(7),
                          .needs_ack = row.i64(8) != 0,
                          .attachment_ids = ids_of(row.text(9))},
                .node_name = row.text(14),
                .node_path = row.text(15),
                .withdrawn_at = row.optional_text(10),
                .withdraw_reason = row.optional_text(11),
                .created_at = row.text(12),
                .updated_at = row.text(13)};
}

// Households are residential parts with someone registered in them; an owners' notice is for the parts with an
// owner. `link` is the condition on a part_links row l of the part.
std::string link_condition(const Notice& notice) {
  return notice.input.audience == NoticeAudience::Owners ? "l.part_node_id = part.id AND l.relation = 'owner'"
                                                         : "l.part_node_id = part.id";
}

// The FROM and WHERE of the households of the subtree at ? the notice is for, part → unit → building → compound.
std::string households_from(store::Connection& connection, const Notice& notice) {
  return " FROM org_nodes part JOIN parts p ON p.node_id = part.id JOIN org_nodes unit ON unit.id = part.parent_id "
         "JOIN org_nodes building ON building.id = unit.parent_id JOIN org_nodes compound ON compound.id = "
         "building.parent_id WHERE p.use = 'residential' AND EXISTS (SELECT 1 FROM part_links l WHERE " +
         link_condition(notice) + ") AND " + org::subtree_condition(connection.dialect(), "part.path");
}

// Whether someone registered in the household (as the audience counts them) read, or acknowledged, notice ?.
std::string household_did(const Notice& notice, bool acked) {
  return "EXISTS (SELECT 1 FROM notice_receipts r JOIN part_links l ON l.person_id = r.person_id WHERE "
         "r.notice_id = ? AND " +
         link_condition(notice) + (acked ? " AND r.acked_at IS NOT NULL)" : ")");
}

// The staff roles, as SQL placeholders and their values.
std::string staff_roles_sql(store::Params& params) {
  std::string sql;
  for (const auto& role : modules::kStaff) {
    sql += sql.empty() ? "?" : ", ?";
    params.emplace_back(role);
  }
  return sql;
}

// The receipts of a person, or of an account that is no person.
std::string holder_condition(const ReceiptHolder& holder) {
  return holder.person_id ? "person_id = ?" : "person_id IS NULL AND user_id = ?";
}
store::Params holder_params(const ReceiptHolder& holder) {
  return {holder.person_id ? *holder.person_id : holder.user_id.value_or(0)};
}

}  // namespace

std::int64_t insert_notice(store::Tx& tx, const NoticeInput& input, std::int64_t user_id) {
  std::string now = iso_utc(tx.now());
  return tx.scalar(
      "INSERT INTO notices (node_id, title, body, kind, audience, starts_on, ends_on, needs_ack, attachment_ids, "
      "created_by_user_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {input.node_id, input.title, input.body, code_of(kNoticeKinds, input.kind),
       code_of(kNoticeAudiences, input.audience), input.starts_on, input.ends_on, std::int64_t{input.needs_ack},
       ids_text(input.attachment_ids), user_id, now, now});
}

void update_notice(store::Tx& tx, std::int64_t id, const NoticeInput& input) {
  tx.exec(
      "UPDATE notices SET title = ?, body = ?, kind = ?, audience = ?, starts_on = ?, ends_on = ?, needs_ack = ?, "
      "attachment_ids = ?, updated_at = ? WHERE id = ?",
      {input.title, input.body, code_of(kNoticeKinds, input.kind), code_of(kNoticeAudiences, input.audience),
       input.starts_on, input.ends_on, std::int64_t{input.needs_ack}, ids_text(input.attachment_ids), iso_utc(tx.now()),
       id});
}

void withdraw_notice(store::Tx& tx, std::int64_t id, const std::string& reason) {
  std::string now = iso_utc(tx.now());
  tx.exec("UPDATE notices SET withdrawn_at = ?, withdraw_reason = ?, updated_at = ? WHERE id = ?",
          {now, reason, now, id});
}

std::optional<Notice> find_notice(store::Connection& connection, std::int64_t id) {
  return store::map_row(connection.query_one(std::string(kNoticeColumns) + "WHERE n.id = ?", {id}), to_notice);
}

std::vector<Notice> notices_under(store::Connection& connection, const std::string& path, std::int64_t limit) {
  auto params = org::subtree_params(path);
  params.emplace_back(limit);
  return store::map_rows(
      connection.query(std::string(kNoticeColumns) + "WHERE " + org::subtree_condition(connection.dialect(), "o.path") +
                           " ORDER BY n.starts_on DESC, n.id DESC LIMIT ?",
                       params),
      to_notice);
}

std::vector<Notice> current_notices(store::Connection& connection, const std::string& today) {
  return store::map_rows(connection.query(std::string(kNoticeColumns) +
                                              "WHERE n.withdrawn_at IS NULL AND n.starts_on <= ? AND n.ends_on >= ? "
                                              "ORDER BY n.starts_on DESC, n.id DESC",
                                          {today, today}),
                         to_notice);
}

std::vector<Receipt> receipts_of(store::Connection& connection, const ReceiptHolder& holder) {
  return store::map_rows(
      connection.query("SELECT notice_id, read_at, acked_at FROM notice_receipts WHERE " + holder_condition(holder),
                       holder_params(holder)),
      [](const store::Row& row) {
        return Receipt{row.i64(0), row.text(1), row.optional_text(2)};
      });
}

void record_read(store::Tx& tx, std::int64_t notice_id, const ReceiptHolder& holder) {
  tx.exec(
      "INSERT INTO notice_receipts (notice_id, person_id, user_id, read_at) VALUES (?, ?, ?, ?) "
      "ON CONFLICT DO NOTHING",
      {notice_id, holder.person_id, holder.user_id, iso_utc(tx.now())});
}

void record_ack(store::Tx& tx, std::int64_t notice_id, const ReceiptHolder& holder) {
  record_read(tx, notice_id, holder);
  store::Params params{iso_utc(tx.now()), notice_id};
  for (auto& value : holder_params(holder)) params.push_back(std::move(value));
  tx.exec("UPDATE notice_receipts SET acked_at = ? WHERE notice_id = ? AND acked_at IS NULL AND " +
              holder_condition(holder),
          params);
}

std::vector<ReceiptCount> receipt_counts(store::Connection& connection, const Notice& notice) {
  if (notice.input.audience == NoticeAudience::Staff) {
    // The staff of the scope: accounts holding a staff role at the notice's node or under it.
    store::Params params{notice.id, notice.id};
    std::string roles = staff_roles_sql(params);
    for (auto& value : org::subtree_params(notice.node_path)) params.push_back(std::move(value));
    auto row = connection.query_one(
        "SELECT COUNT(*), SUM(CASE WHEN EXISTS (SELECT 1 FROM notice_receipts r WHERE r.user_id = s.user_id AND "
        "r.notice_id = ?) THEN 1 ELSE 0 END), SUM(CASE WHEN EXISTS (SELECT 1 FROM notice_receipts r WHERE r.user_id "
        "= s.user_id AND r.notice_id = ? AND r.acked_at IS NOT NULL) THEN 1 ELSE 0 END) FROM (SELECT DISTINCT "
        "a.user_id FROM role_assignments a JOIN org_nodes o ON o.id = a.scope_node_id WHERE a.valid_to IS NULL AND "
        "a.role IN (" +
            roles + ") AND " + org::subtree_condition(connection.dialect(), "o.path") + ") s",
        params);
    return {ReceiptCount{0, "", row ? row->i64(0) : 0, row ? row->i64(1) : 0, row ? row->i64(2) : 0}};
  }
  store::Params params{notice.id, notice.id};
  for (auto& value : org::subtree_params(notice.node_path)) params.push_back(std::move(value));
  return store::map_rows(
      connection.query("SELECT building.id, compound.name, building.name, COUNT(*), SUM(CASE WHEN " +
                           household_did(notice, false) + " THEN 1 ELSE 0 END), SUM(CASE WHEN " +
                           household_did(notice, true) + " THEN 1 ELSE 0 END)" + households_from(connection, notice) +
                           " GROUP BY building.id, compound.name, building.name ORDER BY compound.name, "
                           "building.name, building.id",
                       params),
      [](const store::Row& row) {
        return ReceiptCount{row.i64(0), row.text(1) + " " + row.text(2), row.i64(3), row.i64(4), row.i64(5)};
      });
}

ReceiptCount reader_count(store::Connection& connection, std::int64_t notice_id) {
  auto row = connection.query_one(
      "SELECT COUNT(*), SUM(CASE WHEN acked_at IS NOT NULL THEN 1 ELSE 0 END) FROM notice_receipts WHERE notice_id = ?",
      {notice_id});
  return ReceiptCount{0, "", row ? row->i64(0) : 0, row ? row->i64(0) : 0, row ? row->i64(1) : 0};
}

std::vector<HouseholdReceipt> household_receipts(store::Connection& connection, const Notice& notice,
                                                 const std::string& path) {
  auto params = org::subtree_params(path);
  std::vector<HouseholdReceipt> households = store::map_rows(
      connection.query("SELECT part.id, compound.name, building.name, unit.name, part.name" +
                           households_from(connection, notice) +
                           " ORDER BY building.name, unit.name, part.name, part.id LIMIT 2000",
                       params),
      [](const store::Row& row) {
        return HouseholdReceipt{
            row.i64(0), row.text(1) + " " + row.text(2) + " " + row.text(3) + " " + row.text(4), {}, {}};
      });
  std::map<std::int64_t, HouseholdReceipt*> by_id;
  for (auto& household : households) by_id[household.household_id] = &household;
  store::Params receipt_params{notice.id};
  for (auto& value : org::subtree_params(path)) receipt_params.push_back(std::move(value));
  std::string relation = notice.input.audience == NoticeAudience::Owners ? " AND l.relation = 'owner'" : "";
  auto rows = connection.query(
      "SELECT l.part_node_id, p.name_masked, r.acked_at FROM notice_receipts r JOIN part_links l ON l.person_id = "
      "r.person_id JOIN people p ON p.id = r.person_id JOIN org_nodes part ON part.id = l.part_node_id WHERE "
      "r.notice_id = ?" +
          relation + " AND " + org::subtree_condition(connection.dialect(), "part.path") + " ORDER BY r.read_at, r.id",
      receipt_params);
  for (const auto& row : rows) {
    auto found = by_id.find(row.i64(0));
    if (found == by_id.end()) continue;
    found->second->readers.push_back(row.text(1));
    if (!row.is_null(2)) found->second->ackers.push_back(row.text(1));
  }
  return households;
}

}  // namespace weizhi::engagement
