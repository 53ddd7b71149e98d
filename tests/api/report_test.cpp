// The monthly report over HTTP on the Test seed: its figures are those the list APIs and the
// statistics give for the same node and month, a new record moves the report as it moves the
// statistics, the spreadsheet is a download named in Chinese, reading it is audited, and bad months,
// formats and nodes out of scope are refused.
#include <chrono>
#include <map>
#include <string>

#include "core/time.hpp"
#include "support/test_server.hpp"

using nlohmann::json;
using weizhi::testing::ApiTest;
using weizhi::testing::HttpClient;

class ReportTest : public ApiTest {
 protected:
  static std::string this_month() { return weizhi::street_date(std::chrono::system_clock::now()).substr(0, 7); }

  static std::string month_before(const std::string& month) {
    auto day = *weizhi::parse_date(month + "-01");
    auto earlier = std::chrono::year_month_day((day.year() / day.month() - std::chrono::months(1)) / 1);
    return weizhi::date_text(earlier).substr(0, 7);
  }

  // The street month a stored UTC moment falls in.
  static std::string month_of(const json& moment) {
    if (moment.is_null()) return "";
    return weizhi::street_date(*weizhi::parse_iso(moment.get<std::string>())).substr(0, 7);
  }

  json report(HttpClient& client, const std::string& node_code, const std::string& month) {
    auto reply =
        client.get("/api/v1/reports/monthly?format=json&node=" + std::to_string(node(node_code)) + "&month=" + month);
    EXPECT_EQ(reply.status, 200) << reply.body;
    return reply.json();
  }

  // Every item of a listing, page after page.
  json listed(HttpClient& client, const std::string& path) {
    json all = json::array();
    std::string cursor;
    do {
      auto reply = client.get(path + "&limit=100" + (cursor.empty() ? "" : "&cursor=" + cursor));
      EXPECT_EQ(reply.status, 200) << reply.body;
      json page = reply.json();
      for (const auto& item : page["items"]) all.push_back(item);
      auto next = page.value("next_cursor", json());
      cursor = next.is_null() ? "" : next.is_string() ? next.get<std::string>() : next.dump();
    } while (!cursor.empty());
    return all;
  }

  static json section(const json& report, const std::string& key) {
    for (const auto& each : report["sections"]) {
      if (each["key"] == key) return each;
    }
    ADD_FAILURE() << "no section " << key;
    return json::object();
  }

  static json figure(const json& report, const std::string& key, const std::string& label) {
    json figures = section(report, key)["figures"];
    for (const auto& each : figures) {
      if (each["label"] == label) return each["value"];
    }
    ADD_FAILURE() << "no figure " << label << " in " << key;
    return json();
  }

  std::int64_t audit_count(const std::string& action) {
    return db().read()->scalar("SELECT COUNT(*) FROM audit_log WHERE action = ?", {action});
  }
};

// For this month and the one before (the seed's records reach back across it), the report counts
// what the lists of the street hold dated in that month.
TEST_F(ReportTest, FiguresAreThoseOfTheListsForTheSameNodeAndMonth) {
  auto admin = signed_in("admin");
  const std::string under = "?node=" + std::to_string(node("street"));
  json cases = listed(*admin, "/api/v1/cases" + under);
  json mediations = listed(*admin, "/api/v1/mediations" + under);
  json violations = listed(*admin, "/api/v1/covenant-violations" + under);
  ASSERT_GT(cases.size(), 0u);
  ASSERT_GT(mediations.size(), 0u);
  std::int64_t counted_months = 0;
  for (const std::string& month : {this_month(), month_before(this_month())}) {
    SCOPED_TRACE(month);
    json shown = report(*admin, "street", month);
    EXPECT_EQ(shown["month"], month);
    EXPECT_EQ(shown["node"]["id"], node("street"));

    std::int64_t reported = 0, resolved = 0, on_time = 0;
    for (const auto& record : cases) {
      reported += month_of(record["reported_at"]) == month;
      bool resolved_in_month = month_of(record["resolved_at"]) == month;
      resolved += resolved_in_month;
      on_time +=
          resolved_in_month && record["resolved_at"].get<std::string>() <= record["resolve_due_at"].get<std::string>();
    }
    counted_months += reported > 0;
    EXPECT_EQ(figure(shown, "cases.handling", "受理"), reported);
    EXPECT_EQ(figure(shown, "cases.handling", "办结"), resolved);
    EXPECT_EQ(figure(shown, "cases.handling", "按时办结"), on_time);
    std::int64_t by_category = 0;
    json by_category_rows = section(shown, "cases.handling")["tables"][0]["rows"];
    for (const auto& row : by_category_rows) by_category += row[1].get<int>();
    EXPECT_EQ(by_category, reported);

    std::map<std::string, std::int64_t> by_state;
    std::int64_t taken_up = 0;
    for (const auto& record : mediations) {
      if (month_of(record["created_at"]) != month) continue;
      ++taken_up;
      ++by_state[record["state"].get<std::string>()];
    }
    EXPECT_EQ(figure(shown, "mediation.outcomes", "新受理纠纷"), taken_up);
    EXPECT_EQ(figure(shown, "mediation.outcomes", "待调解"), by_state["open"]);
    EXPECT_EQ(figure(shown, "mediation.outcomes", "调解中"), by_state["in_mediation"]);
    EXPECT_EQ(figure(shown, "mediation.outcomes", "已达成协议"), by_state["agreed"]);
    EXPECT_EQ(figure(shown, "mediation.outcomes", "未达成协议"), by_state["not_agreed"]);

    std::int64_t found = 0, removed = 0;
    for (const auto& record : violations) {
      found += record["reported_on"].get<std::string>().substr(0, 7) == month;
      removed += record["state"] == "removed" && record["removed_on"].get<std::string>().substr(0, 7) == month;
    }
    EXPECT_EQ(figure(shown, "covenant.violations", "新发现违规"), found);
    EXPECT_EQ(figure(shown, "covenant.violations", "已拆除"), removed);
    for (const char* key : {"voting.votes", "elections.progress", "deliberation.topics"}) {
      EXPECT_FALSE(section(shown, key)["figures"].empty()) << key;
    }
  }
  EXPECT_GT(counted_months, 0) << "the seed's cases fall in one of the months";
}

// A dispute taken up and a case reported today move this month's report as they move the statistics.
TEST_F(ReportTest, ANewRecordMovesTheReportAsItMovesTheStatistics) {
  auto admin = signed_in("admin");
  const std::string compound = "desheng-xincun";
  const std::string under = "?node=" + std::to_string(node(compound));
  json report_before = report(*admin, compound, this_month());
  json cases_before = admin->get("/api/v1/stats/cases" + under).json();
  json mediation_before = admin->get("/api/v1/stats/mediation" + under).json();

  auto reported = admin->post("/api/v1/cases", json{{"item_code", "stairwell-clutter"},
                                                    {"compound_id", node(compound)},
                                                    {"description", "楼道堆放纸箱"},
                                                    {"address", "1幢1单元"}});
  ASSERT_EQ(reported.status, 201) << reported.body;
  auto mediator = admin->get("/api/v1/mediators" + under).json()["items"][0]["id"];
  auto person =
      db().read()
          ->query_one(
              "SELECT id FROM people WHERE home_node_id = ? AND is_developer = 0 AND tags NOT LIKE '%gold%' ORDER BY id",
              {node(compound)})
          ->i64(0);
  auto dispute = admin->post("/api/v1/mediations",
                             json{{"compound_id", node(compound)},
                                  {"category", "parking"},
                                  {"summary", "车位被占，双方争执"},
                                  {"mediator_person_id", mediator},
                                  {"parties", json::array({{{"person_id", person}, {"role", "applicant"}},
                                                           {{"name", "外来车辆车主"}, {"role", "respondent"}}})}});
  ASSERT_EQ(dispute.status, 201) << dispute.body;

  json report_after = report(*admin, compound, this_month());
  json cases_after = admin->get("/api/v1/stats/cases" + under).json();
  json mediation_after = admin->get("/api/v1/stats/mediation" + under).json();
  auto moved = [](const json& after, const json& before) { return after.get<int>() - before.get<int>(); };
  EXPECT_EQ(moved(figure(report_after, "cases.handling", "受理"), figure(report_before, "cases.handling", "受理")),
            moved(cases_after["open"], cases_before["open"]));
  EXPECT_EQ(moved(cases_after["open"], cases_before["open"]), 1);
  EXPECT_EQ(moved(figure(report_after, "mediation.outcomes", "待调解"),
                  figure(report_before, "mediation.outcomes", "待调解")),
            moved(mediation_after["open"], mediation_before["open"]));
  EXPECT_EQ(moved(mediation_after["open"], mediation_before["open"]), 1);
  auto parking = [](const json& shown) {
    json rows = section(shown, "mediation.outcomes")["tables"][0]["rows"];
    for (const auto& row : rows) {
      if (row[0] == "停车纠纷") return row[1].get<int>();
    }
    return 0;
  };
  int parking_moved = 0;
  for (std::size_t i = 0; i < mediation_after["by_category"].size(); ++i) {
    if (mediation_after["by_category"][i]["code"] == "parking") {
      parking_moved = moved(mediation_after["by_category"][i]["count"], mediation_before["by_category"][i]["count"]);
    }
  }
  EXPECT_EQ(parking(report_after) - parking(report_before), parking_moved);
}

TEST_F(ReportTest, SpreadsheetIsAnAuditedDownloadNamedInChinese) {
  auto admin = signed_in("admin");
  auto reply = admin->get("/api/v1/reports/monthly?node=" + std::to_string(node("desheng")) + "&month=" + this_month());
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(reply.headers["content-type"], "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  const std::string disposition = reply.headers["content-disposition"];
  EXPECT_NE(disposition.find("attachment; filename=\"report-" + std::to_string(node("desheng")) + "-" + this_month() +
                             ".xlsx\""),
            std::string::npos)
      << disposition;
  EXPECT_NE(disposition.find("filename*=UTF-8''%E6%9C%88%E6%8A%A5-"), std::string::npos) << disposition;
  EXPECT_EQ(reply.body.substr(0, 4), std::string("PK\x03\x04", 4));
  EXPECT_NE(reply.body.find("xl/worksheets/sheet1.xml"), std::string::npos);
  EXPECT_NE(reply.body.find("受理"), std::string::npos);

  auto as_json = admin->send("GET", "/api/v1/reports/monthly?month=" + this_month(), "", {"Accept: application/json"});
  ASSERT_EQ(as_json.status, 200) << as_json.body;
  EXPECT_EQ(as_json.json()["node"]["id"], node("street")) << "without a node, the caller's street";
  EXPECT_EQ(audit_count("report.monthly"), 2);
}

TEST_F(ReportTest, BadMonthsFormatsAndNodesAreRefusedAndScopeIsHeld) {
  auto admin = signed_in("admin");
  const std::string base = "/api/v1/reports/monthly?format=json";
  for (const char* month : {"", "&month=2026-13", "&month=2026-1", "&month=2026/11", "&month=abcd-ef",
                            "&month=2026-11-01", "&month=-999-01", "&month=+026-11", "&month=2026--1"}) {
    auto reply = admin->get(base + month);
    EXPECT_EQ(reply.status, 400) << month;
    EXPECT_EQ(reply.error_field(), "month") << month;
  }
  EXPECT_EQ(admin->get("/api/v1/reports/monthly?format=pdf&month=2026-11").error_field(), "format");
  EXPECT_EQ(admin->get(base + "&month=2026-11&node=abc").status, 400);
  EXPECT_EQ(admin->get(base + "&month=2026-11&node=999999").status, 404);
  // The community's secretary reads their community, not another one; residents read no report.
  auto secretary = signed_in("secretary");
  EXPECT_EQ(secretary->get(base + "&month=2026-11&node=" + std::to_string(node("desheng"))).status, 200);
  EXPECT_EQ(secretary->get(base + "&month=2026-11&node=" + std::to_string(node("street"))).status, 403);
  EXPECT_EQ(signed_in("resident")->get(base + "&month=2026-11").status, 403);
  EXPECT_EQ(anonymous()->get(base + "&month=2026-11").status, 401);
  EXPECT_EQ(audit_count("report.monthly"), 1);
}
