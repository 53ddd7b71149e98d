// SQL of the privacy module (see store.hpp). Only portable SQL; times are iso_utc text.
#include "modules/privacy/store.hpp"

#include "auth/sessions.hpp"
#include "core/error.hpp"
#include "core/time.hpp"
#include "modules/org/org.hpp"
#include "modules/privacy/rules.hpp"
#include "store/rows.hpp"
#include "store/select.hpp"

namespace weizhi::privacy {

namespace {

constexpr const char* kNoticeColumns =
    "SELECT n.version, n.body, n.published_by_user_id, n.published_at, "
    "(SELECT COUNT(*) FROM privacy_consents c WHERE c.version = n.version) FROM privacy_notices n ";

Notice to_notice(const store::Row& row) {
  return Notice{row.i64(0), row.text(1), row.optional_i64(2), row.text(3), row.i64(4)};
}

constexpr const char* kCorrectionColumns =
    "SELECT x.id, x.person_id, x.user_id, p.name_masked, x.home_node_id, h.name, x.field, x.proposed_enc, x.note_enc, "
    "x.status, x.reply_enc, x.resolved_by_user_id, x.resolved_at, x.created_at FROM privacy_corrections x "
    "JOIN people p ON p.id = x.person_id JOIN org_nodes h ON h.id = x.home_node_id ";

auto correction_mapper(const crypto::DataKey& key) {
  return [&key](const store::Row& row) {
    auto opened = [&key](const std::optional<std::string>& sealed) {
      return sealed ? std::optional<std::string>(key.decrypt(*sealed)) : std::nullopt;
    };
    return Correction{row.i64(0),
                      row.i64(1),
                      row.i64(2),
                      row.text(3),
                      row.i64(4),
                      row.text(5),
                      parse_code(kFields, row.text(6)).value_or(Field::Other),
                      key.decrypt(row.text(7)),
                      opened(row.optional_text(8)),
                      parse_code(kStatuses, row.text(9)).value_or(Status::Open),
                      opened(row.optional_text(10)),
                      row.optional_i64(11),
                      row.optional_text(12),
                      row.text(13)};
  };
}

}  // namespace

std::optional<Notice> current_notice(store::Connection& connection) {
  return store::map_row(connection.query_one(std::string(kNoticeColumns) + "ORDER BY n.version DESC LIMIT 1"),
                        to_notice);
}

std::vector<Notice> notices(store::Connection& connection) {
  return store::map_rows(connection.query(std::string(kNoticeColumns) + "ORDER BY n.version DESC"), to_notice);
}

std::int64_t publish_notice(store::Tx& tx, const std::string& body, std::optional<std::int64_t> user_id) {
  std::int64_t version = tx.scalar("SELECT COALESCE(MAX(version), 0) FROM privacy_notices") + 1;
  tx.exec("INSERT INTO privacy_notices (version, body, published_by_user_id, published_at) VALUES (?, ?, ?, ?)",
          {version, body, user_id, iso_utc(tx.now())});
  return version;
}

void ensure_first_notice(store::Tx& tx) {
  if (tx.scalar("SELECT COUNT(*) FROM privacy_notices") == 0) publish_notice(tx, first_notice_body(), std::nullopt);
}

std::optional<std::int64_t> consented_version(store::Connection& connection, std::int64_t person_id) {
  auto row = connection.query_one("SELECT MAX(version) FROM privacy_consents WHERE person_id = ?", {person_id});
  return row ? row->optional_i64(0) : std::nullopt;
}

std::vector<Consent> consents_of(store::Connection& connection, std::int64_t person_id) {
  return store::map_rows(
      connection.query("SELECT version, consented_at FROM privacy_consents WHERE person_id = ? ORDER BY version DESC",
                       {person_id}),
      [](const store::Row& row) {
        return Consent{row.i64(0), row.text(1)};
      });
}

bool record_consent(store::Tx& tx, std::int64_t person_id, std::int64_t user_id, std::int64_t version) {
  return tx.exec(
             "INSERT INTO privacy_consents (person_id, user_id, version, consented_at) VALUES (?, ?, ?, ?) "
             "ON CONFLICT (person_id, version) DO NOTHING",
             {person_id, user_id, version, iso_utc(tx.now())}) > 0;
}

std::int64_t consent_for_linked_accounts(store::Tx& tx) {
  ensure_first_notice(tx);
  std::int64_t version = tx.scalar("SELECT MAX(version) FROM privacy_notices");
  std::int64_t recorded = 0;
  for (const auto& row : tx.query("SELECT id, person_id FROM users WHERE person_id IS NOT NULL ORDER BY id")) {
    if (record_consent(tx, row.i64(1), row.i64(0), version)) ++recorded;
  }
  return recorded;
}

std::int64_t close_account(store::Tx& tx, std::int64_t user_id, std::int64_t person_id) {
  std::string now = iso_utc(tx.now());
  std::int64_t ended = auth::end_sessions(tx, user_id);
  tx.exec("UPDATE role_assignments SET valid_to = ? WHERE user_id = ? AND (valid_to IS NULL OR valid_to > ?)",
          {now, user_id, now});
  tx.exec("UPDATE users SET disabled = 1, person_id = NULL, login = ? WHERE id = ?",
          {"closed:" + std::to_string(user_id), user_id});
  tx.exec("DELETE FROM privacy_consents WHERE person_id = ?", {person_id});
  return ended;
}

std::int64_t insert_correction(store::Tx& tx, const crypto::DataKey& key, const NewCorrection& input) {
  return tx
      .query_one(
          "INSERT INTO privacy_corrections (person_id, user_id, home_node_id, field, proposed_enc, note_enc, status, "
          "created_at) VALUES (?, ?, ?, ?, ?, ?, 'open', ?) RETURNING id",
          {input.person_id, input.user_id, input.home_node_id, code_of(kFields, input.field),
           key.encrypt(input.proposed),
           input.note ? std::optional<std::string>(key.encrypt(*input.note)) : std::nullopt, iso_utc(tx.now())})
      ->i64(0);
}

std::optional<Correction> find_correction(store::Connection& connection, const crypto::DataKey& key, std::int64_t id) {
  return store::map_row(connection.query_one(std::string(kCorrectionColumns) + "WHERE x.id = ?", {id}),
                        correction_mapper(key));
}

std::int64_t open_corrections_of(store::Connection& connection, std::int64_t person_id) {
  return connection.scalar("SELECT COUNT(*) FROM privacy_corrections WHERE person_id = ? AND status = 'open'",
                           {person_id});
}

std::vector<Correction> corrections_of(store::Connection& connection, const crypto::DataKey& key,
                                       std::int64_t person_id) {
  return store::map_rows(
      connection.query(std::string(kCorrectionColumns) + "WHERE x.person_id = ? ORDER BY x.id DESC", {person_id}),
      correction_mapper(key));
}

std::vector<Correction> list_corrections(store::Connection& connection, const crypto::DataKey& key,
                                         const std::string& path, const Filter& filter) {
  store::Select query(kCorrectionColumns);
  query.where(org::subtree_condition(connection.dialect(), "h.path"), org::subtree_params(path));
  if (filter.status) query.where("x.status = ?", {code_of(kStatuses, *filter.status)});
  query.newest_first("x.id", filter.before_id, filter.limit);
  return store::map_rows(query.run(connection), correction_mapper(key));
}

std::vector<OpenGroup> open_groups_under(store::Connection& connection, const std::string& path) {
  return store::map_rows(connection.query("SELECT h.id, h.name, COUNT(*) FROM privacy_corrections x "
                                          "JOIN org_nodes h ON h.id = x.home_node_id WHERE x.status = 'open' AND " +
                                              org::subtree_condition(connection.dialect(), "h.path") +
                                              " GROUP BY h.id, h.name ORDER BY h.id",
                                          org::subtree_params(path)),
                         [](const store::Row& row) {
                           return OpenGroup{row.i64(0), row.text(1), row.i64(2)};
                         });
}

void resolve_correction(store::Tx& tx, const crypto::DataKey& key, std::int64_t id, Status outcome,
                        const std::optional<std::string>& reply, std::int64_t user_id) {
  std::optional<std::string> sealed = reply ? std::optional<std::string>(key.encrypt(*reply)) : std::nullopt;
  if (tx.exec("UPDATE privacy_corrections SET status = ?, reply_enc = ?, resolved_by_user_id = ?, resolved_at = ? "
              "WHERE id = ? AND status = 'open'",
              {code_of(kStatuses, outcome), sealed, user_id, iso_utc(tx.now()), id}) == 0) {
    fail_conflict("该申请已答复，不能再次处理", "outcome");
  }
}

}  // namespace weizhi::privacy
