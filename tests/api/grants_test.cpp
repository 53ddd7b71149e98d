// The roles granted each permission: declared once by the modules, and role_permissions brought in
// line with that on every start, audited when it changes.
#include "app/grants.hpp"
#include "app/modules.hpp"
#include "support/test_server.hpp"

using nlohmann::json;
using weizhi::app::GrantPairs;
using weizhi::testing::ApiTest;

class GrantsTest : public ApiTest {
 protected:
  GrantPairs stored_grants() {
    GrantPairs pairs;
    for (const auto& row : db().read()->query("SELECT role, permission FROM role_permissions")) {
      pairs.emplace(row.text(0), row.text(1));
    }
    return pairs;
  }

  long sync_audits() {
    return db().read()->query_one("SELECT COUNT(*) FROM audit_log WHERE action = 'role_permissions.sync'")->i64(0);
  }
};

TEST_F(GrantsTest, AfterStartRolePermissionsAreExactlyTheGrantsTheModulesDeclare) {
  GrantPairs declared = weizhi::app::declared_grants(weizhi::app::all_modules());
  EXPECT_EQ(declared.size(), 365u) << "every grant the migrations made and the property module's are declared";
  EXPECT_EQ(stored_grants(), declared);
  EXPECT_TRUE(declared.count({"commissioner", "cases.assign"}));
  EXPECT_TRUE(declared.count({"street_admin", "users.manage"}));
  EXPECT_FALSE(declared.count({"resident", "users.manage"}));
  EXPECT_TRUE(declared.count({"resident", "property.public.read"}));
  EXPECT_TRUE(declared.count({"gate_device", "access.check"})) << "a gate's terminal checks codes and passes";
  EXPECT_FALSE(declared.count({"gate_device", "access.read"})) << "and reads nothing else of the compound";
  EXPECT_FALSE(declared.count({"property_manager", "property.manage"})) << "a company does not run its own contracts";
  EXPECT_TRUE(declared.count({"committee_member", "property.evaluate.committee"}));
  EXPECT_FALSE(declared.count({"street_admin", "property.evaluate.community"}))
      << "each party fills only its own sheet";
  EXPECT_FALSE(declared.count({"property_manager", "property.evaluate.street"})) << "a company does not score itself";
}

TEST_F(GrantsTest, AStartRestoresAMissingGrantRemovesAnUndeclaredOneAndAuditsBoth) {
  long audits_before = sync_audits();
  db().transaction([](weizhi::store::Tx& tx) {
    tx.exec("DELETE FROM role_permissions WHERE role = 'commissioner' AND permission = 'cases.assign'");
    tx.exec("INSERT INTO role_permissions (role, permission) VALUES ('resident', 'users.manage')");
  });

  auto changes = weizhi::app::bring_grants_in_line(db(), weizhi::app::all_modules());

  EXPECT_EQ(changes.added, (GrantPairs{{"commissioner", "cases.assign"}}));
  EXPECT_EQ(changes.removed, (GrantPairs{{"resident", "users.manage"}}));
  EXPECT_EQ(stored_grants(), weizhi::app::declared_grants(weizhi::app::all_modules()));
  ASSERT_EQ(sync_audits(), audits_before + 1);
  auto row = db().read()->query_one(
      "SELECT actor, summary FROM audit_log WHERE action = 'role_permissions.sync' ORDER BY seq DESC LIMIT 1");
  EXPECT_EQ(row->text(0), "system");
  auto summary = json::parse(row->text(1));
  EXPECT_EQ(summary["added"], json::parse(R"([{"role":"commissioner","permission":"cases.assign"}])"));
  EXPECT_EQ(summary["removed"], json::parse(R"([{"role":"resident","permission":"users.manage"}])"));

  auto again = weizhi::app::bring_grants_in_line(db(), weizhi::app::all_modules());
  EXPECT_TRUE(again.added.empty());
  EXPECT_TRUE(again.removed.empty());
  EXPECT_EQ(sync_audits(), audits_before + 1) << "nothing changed, nothing audited";
}
