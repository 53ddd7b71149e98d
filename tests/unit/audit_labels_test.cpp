// How the audit log reads to a person: action names, the records entities name and their links,
// field names and the actors that are not accounts.
#include <gtest/gtest.h>

#include <set>

#include "audit/labels.hpp"

using namespace weizhi::audit;

TEST(AuditLabels, EveryActionIsListedOnceWithAChineseName) {
  std::set<std::string_view> seen;
  for (const auto& entry : action_labels()) {
    EXPECT_TRUE(seen.insert(entry.action).second) << entry.action << " is listed twice";
    ASSERT_FALSE(entry.label.empty()) << entry.action;
    EXPECT_GE(static_cast<unsigned char>(entry.label.front()), 0xE0) << entry.action << " is named in Chinese";
  }
  EXPECT_EQ(action_label("cases.transition"), "服务事项流转");
  EXPECT_EQ(action_label("session.create"), "登录");
  EXPECT_FALSE(action_label("no.such.action"));
}

TEST(AuditLabels, ARecordEntityLinksToItsPage) {
  EntityRef entity = read_entity("case:12");
  EXPECT_EQ(entity.kind, "case");
  EXPECT_EQ(entity.id, 12);
  EXPECT_EQ(entity.kind_label, "服务事项");
  EXPECT_EQ(entity.link, "/cases/12");
  EXPECT_EQ(read_entity("org_node:3").link, "/org/nodes/3");
  EXPECT_EQ(read_entity("covenant_violation:7").link, "/covenant/violations/7");
}

TEST(AuditLabels, AnAreaOrARecordWithoutAPageLinksToItsList) {
  EntityRef area = read_entity("cases");
  EXPECT_FALSE(area.id);
  EXPECT_EQ(area.kind_label, "服务事项");
  EXPECT_EQ(area.link, "/cases");
  EXPECT_EQ(read_entity("user:4").link, "/users");
  EXPECT_EQ(read_entity("case_item:9").link, "/case-items");
  EXPECT_EQ(read_entity("photo:ab12").link, "");
}

TEST(AuditLabels, AnUnknownOrMalformedEntityIsShownAsRecordedWithoutALink) {
  EntityRef unknown = read_entity("gadget:5");
  EXPECT_EQ(unknown.kind_label, "gadget");
  EXPECT_EQ(unknown.id, 5);
  EXPECT_EQ(unknown.link, "");
  EXPECT_FALSE(read_entity("case:0").id);
  EXPECT_FALSE(read_entity("case:12x").id);
  EXPECT_FALSE(read_entity("case:-3").id);
  EXPECT_EQ(read_entity("case:abc").link, "/cases") << "no id: the list, never a broken record link";
  EXPECT_EQ(read_entity("").kind_label, "");
}

TEST(AuditLabels, FieldsAreNamedAndAnUnknownKeepsItsKey) {
  EXPECT_EQ(field_label("state"), "状态");
  EXPECT_EQ(field_label("mediators_tagged"), "标记调解员数");
  EXPECT_EQ(field_label("something_new"), "something_new");
}

TEST(AuditLabels, SystemAndCommandLineActorsAreNamedAndAccountsAreNot) {
  EXPECT_EQ(non_person_actor("system"), "系统");
  EXPECT_EQ(non_person_actor("cli:seed"), "命令行（seed）");
  EXPECT_EQ(non_person_actor("anonymous"), "未登录访客");
  EXPECT_FALSE(non_person_actor("admin"));
  EXPECT_FALSE(non_person_actor("systems"));
}
