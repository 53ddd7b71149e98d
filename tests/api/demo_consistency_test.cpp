// The demo agrees with itself: every seeded notification, on the test street and the full demo
// street, links to a record (and names it as its entity) that exists, lies in the notification's
// compound and is as the text says; on the test street its recipient opens that record through the API. 德胜新村, the demo
// resident's compound, has an adopted covenant the resident has yet to acknowledge.
#include <optional>
#include <string>

#include "core/time.hpp"
#include "modules/covenant/covenant.hpp"
#include "support/test_server.hpp"

using nlohmann::json;
using weizhi::testing::ApiTest;
namespace store = weizhi::store;

namespace {

struct Seeded {
  std::int64_t id;
  std::string login;
  std::string kind;
  std::string title;
  std::string body;
  std::string link;
  std::optional<std::int64_t> node_id;
  std::optional<std::string> entity_type;
  std::optional<std::int64_t> entity_id;
};

std::vector<Seeded> seeded_notifications(store::Connection& connection) {
  std::vector<Seeded> seeded;
  for (const auto& row :
       connection.query("SELECT n.id, u.login, n.kind, n.title, n.body, n.link, n.node_id, n.entity_type, n.entity_id "
                        "FROM notifications n JOIN users u ON u.id = n.user_id ORDER BY n.id")) {
    seeded.push_back({row.i64(0), row.text(1), row.text(2), row.text(3), row.text(4), row.text(5), row.optional_i64(6),
                      row.optional_text(7), row.optional_i64(8)});
  }
  return seeded;
}

// The id a console link names right after `prefix` ("/cases/12" → 12); nullopt for another link.
// The notification names the same record as its entity.
std::optional<std::int64_t> id_after(const Seeded& notice, const std::string& prefix, const std::string& type) {
  const std::string& link = notice.link;
  if (link.rfind(prefix, 0) != 0 || link.size() == prefix.size()) return std::nullopt;
  std::string digits = link.substr(prefix.size());
  if (digits.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
  std::int64_t id = std::stoll(digits);
  EXPECT_EQ(notice.entity_type, type);
  EXPECT_EQ(notice.entity_id, id);
  return id;
}

bool says(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// The linked record's row; a failure naming the record when it does not exist.
std::optional<store::Row> found(std::optional<store::Row> row, const std::string& record) {
  if (!row) ADD_FAILURE() << "no " << record;
  return row;
}

// The API path of the record a notification links to, after checking the record agrees with it.
std::string expect_record_agrees(store::Connection& connection, const Seeded& notice) {
  std::string today = weizhi::street_date(weizhi::SystemClock().now());
  if (auto id = id_after(notice, "/cases/", "case")) {
    auto row =
        found(connection.query_one("SELECT compound_node_id, state FROM cases WHERE id = ?", {*id}), notice.link);
    if (!row) return "";
    EXPECT_EQ(notice.node_id.value_or(row->i64(0)), row->i64(0));
    EXPECT_TRUE(says(notice.title + notice.body, "#" + std::to_string(*id)));
    if (notice.kind == "case.escalated") {
      EXPECT_FALSE(says(row->text(1), "closed"));
    }
    return "/api/v1/cases/" + std::to_string(*id);
  }
  if (auto id = id_after(notice, "/covenant/violations/", "covenant_violation")) {
    auto row = found(connection.query_one(
                         "SELECT v.compound_node_id, v.state, v.deadline_on, v.plate, v.place, c.state "
                         "FROM covenant_violations v JOIN covenant_versions c ON c.id = v.version_id WHERE v.id = ?",
                         {*id}),
                     notice.link);
    if (!row) return "";
    EXPECT_EQ(notice.node_id, row->i64(0));
    EXPECT_EQ(row->text(5), "adopted") << "the violation's compound has its covenant in force";
    if (notice.kind == "covenant.violation.overdue") {
      EXPECT_TRUE(row->text(1) == "notified" || row->text(1) == "rectifying") << row->text(1);
      std::string deadline = row->optional_text(2).value_or("");
      auto late = weizhi::covenant::days_between(deadline, today);
      EXPECT_GT(late.value_or(0), 0);
      EXPECT_TRUE(says(notice.body, deadline));
      EXPECT_TRUE(says(notice.body, "已逾期 " + std::to_string(late.value_or(0)) + " 天"));
      EXPECT_TRUE(says(notice.body, row->text(3)));
      EXPECT_TRUE(says(notice.body, row->text(4)));
    }
    return "/api/v1/covenant-violations/" + std::to_string(*id);
  }
  if (auto id = id_after(notice, "/votes/", "vote")) {
    auto row = found(connection.query_one("SELECT compound_node_id, state, title FROM votes WHERE id = ?", {*id}),
                     notice.link);
    if (!row) return "";
    EXPECT_EQ(notice.node_id.value_or(row->i64(0)), row->i64(0));
    EXPECT_TRUE(says(notice.body, row->text(2)));
    if (notice.kind == "vote.closing") {
      EXPECT_EQ(row->text(1), "open");
    }
    return "/api/v1/votes/" + std::to_string(*id);
  }
  // A list filtered to one compound: the compound the notification is about.
  if (notice.link.rfind("/cases?", 0) == 0 && notice.node_id) {
    EXPECT_FALSE(notice.entity_type) << "a digest names no one record";
    EXPECT_TRUE(says(notice.link, "node=" + std::to_string(*notice.node_id)));
    return "";
  }
  ADD_FAILURE() << "a link to no known record: " << notice.link;
  return "";
}

}  // namespace

class DemoConsistencyTest : public ApiTest {};

TEST_F(DemoConsistencyTest, EverySeededNotificationOpensTheRecordItSpeaksOf) {
  auto lease = db().read();
  auto seeded = seeded_notifications(*lease);
  ASSERT_FALSE(seeded.empty()) << "the cases seed escalates 德胜新村's overdue cases";
  for (const auto& notice : seeded) {
    SCOPED_TRACE(notice.login + ": " + notice.title + " " + notice.link);
    std::string record = expect_record_agrees(*lease, notice);
    if (!record.empty()) {
      EXPECT_EQ(signed_in(notice.login)->get(record).status, 200) << record;
    }
  }
}

TEST(DemoConsistencyBigTest, EverySeededNotificationOfTheFullStreetAgreesWithItsRecord) {
  auto lease = weizhi::testing::demo_street().db.read();
  auto seeded = seeded_notifications(*lease);
  std::int64_t overdue_violations = 0;
  for (const auto& notice : seeded) {
    SCOPED_TRACE(notice.login + ": " + notice.title + " " + notice.link);
    expect_record_agrees(*lease, notice);
    if (notice.kind == "covenant.violation.overdue") ++overdue_violations;
  }
  EXPECT_GT(overdue_violations, 0);
}

TEST(DemoConsistencyBigTest, TheDemoResidentsCompoundHasACovenantLeftForThemToAcknowledge) {
  auto lease = weizhi::testing::demo_street().db.read();
  auto version = lease->query_one(
      "SELECT c.id, v.matter, v.state FROM covenant_versions c JOIN org_nodes n ON n.id = c.compound_node_id "
      "JOIN votes v ON v.id = c.vote_id WHERE n.code = 'desheng-xincun' AND c.state = 'adopted'");
  ASSERT_TRUE(version);
  EXPECT_EQ(version->i64(1), 2);
  EXPECT_EQ(version->text(2), "published");
  EXPECT_GT(lease->scalar("SELECT COUNT(*) FROM covenant_acknowledgements WHERE version_id = ?", {version->i64(0)}), 0);
  auto resident_parts = lease->scalar(
      "SELECT COUNT(*) FROM users u JOIN part_links l ON l.person_id = u.person_id WHERE u.login = 'resident'");
  EXPECT_GT(resident_parts, 0);
  EXPECT_EQ(lease->scalar("SELECT COUNT(*) FROM covenant_acknowledgements a JOIN part_links l "
                          "ON l.part_node_id = a.part_node_id JOIN users u ON u.person_id = l.person_id "
                          "WHERE u.login = 'resident' AND a.version_id = ?",
                          {version->i64(0)}),
            0);
}
