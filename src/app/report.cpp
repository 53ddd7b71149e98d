// The monthly report (see report.hpp). Each module counts its own records in its hook; this route
// reads the node and month, asks them all in module order, and writes the answer as xlsx or JSON.
#include "app/report.hpp"

#include "app/modules.hpp"
#include "core/error.hpp"
#include "core/percent_encode.hpp"
#include "core/xlsx.hpp"
#include "http/context.hpp"
#include "modules/org/org.hpp"

namespace weizhi::app {

namespace {

constexpr const char* kXlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

struct Month {
  std::string text;  // YYYY-MM
  std::chrono::year_month_day first;
  std::chrono::year_month_day next;
  TimePoint start;  // the month's first midnight in the street's time
  TimePoint end;    // the next month's
};

Month queried_month(http::Context& context) {
  auto text = context.query("month").value_or("");
  bool shaped = text.size() == 7;
  for (std::size_t i = 0; shaped && i < text.size(); ++i) {
    shaped = i == 4 ? text[i] == '-' : std::isdigit(static_cast<unsigned char>(text[i])) != 0;
  }
  auto first = shaped ? parse_date(text + "-01") : std::nullopt;
  if (!first) fail_invalid("month", "月份须为 YYYY-MM 格式，如 2026-11");
  std::chrono::year_month_day next((first->year() / first->month() + std::chrono::months(1)) / 1);
  // The month runs from the end of the day before it to the end of its last day; both must be days
  // the server takes, which leaves out the first month of its first year.
  auto start = street_day_end(date_text(std::chrono::sys_days(*first) - std::chrono::days(1)));
  auto end = street_day_end(date_text(std::chrono::sys_days(next) - std::chrono::days(1)));
  if (!start || !end) {
    fail_invalid("month",
                 "月份须在 " + std::to_string(kFirstYear) + "-02 到 " + std::to_string(kLastYear) + "-12 之间");
  }
  return {text, *first, next, *start, *end};
}

// xlsx unless JSON is asked for, by ?format=json or an Accept header naming it.
bool wants_json(http::Context& context) {
  auto format = context.query("format");
  if (format && *format != "json" && *format != "xlsx") fail_invalid("format", "格式须为 json 或 xlsx");
  if (format) return *format == "json";
  auto accept = context.request.header("accept");
  return accept && accept->find("application/json") != std::string_view::npos;
}

Json value_json(const modules::ReportValue& value) {
  return std::visit(
      [](const auto& held) -> Json {
        if constexpr (std::is_same_v<std::decay_t<decltype(held)>, std::monostate>) {
          return nullptr;
        } else {
          return held;
        }
      },
      value);
}

xlsx::Cell value_cell(const modules::ReportValue& value) {
  return std::visit([](const auto& held) -> xlsx::Cell { return held; }, value);
}

Json sections_json(const std::vector<modules::ReportSection>& sections) {
  Json list = Json::array();
  for (const auto& section : sections) {
    Json figures = Json::array();
    for (const auto& figure : section.figures) {
      figures.push_back({{"label", figure.label}, {"value", value_json(figure.value)}, {"unit", figure.unit}});
    }
    Json tables = Json::array();
    for (const auto& table : section.tables) {
      Json rows = Json::array();
      for (const auto& row : table.rows) {
        Json cells = Json::array();
        for (const auto& cell : row) cells.push_back(value_json(cell));
        rows.push_back(std::move(cells));
      }
      tables.push_back({{"title", table.title}, {"columns", table.columns}, {"rows", std::move(rows)}});
    }
    list.push_back({{"key", section.key},
                    {"title", section.title},
                    {"figures", std::move(figures)},
                    {"tables", std::move(tables)}});
  }
  return list;
}

// The first sheet holds every section's figures; each table follows on a sheet of its own, named by
// its place and title so that names stay unique.
std::vector<xlsx::Sheet> sheets_of(const std::string& heading, const std::vector<modules::ReportSection>& sections) {
  xlsx::Sheet summary{"概览", {{"项目", 18}, {"指标", 24}, {"数值", 12}, {"单位", 8}}, {{heading}}};
  std::vector<xlsx::Sheet> sheets;
  for (const auto& section : sections) {
    for (const auto& figure : section.figures) {
      summary.rows.push_back({section.title, figure.label, value_cell(figure.value), figure.unit});
    }
    for (const auto& table : section.tables) {
      xlsx::Sheet sheet{std::to_string(sheets.size() + 2) + " " + section.title + "·" + table.title, {}, {}};
      for (const auto& column : table.columns) sheet.columns.push_back({column, sheet.columns.empty() ? 24.0 : 14.0});
      for (const auto& row : table.rows) {
        std::vector<xlsx::Cell> cells;
        for (const auto& value : row) cells.push_back(value_cell(value));
        sheet.rows.push_back(std::move(cells));
      }
      sheets.push_back(std::move(sheet));
    }
  }
  sheets.insert(sheets.begin(), std::move(summary));
  return sheets;
}

struct Gathered {
  org::Node node;
  std::vector<modules::ReportSection> sections;
};

// Every module's sections for the queried node and month, read on one lease that is given back
// before the audit record is written.
Gathered gather(http::Context& context, const Month& month) {
  auto [lease, node] = org::read_queried_subtree(context);
  modules::ReportAsk ask{
      *lease, node.id, node.path, month.text, month.start, month.end, date_text(month.first), date_text(month.next)};
  return Gathered{node, answers_of(&modules::Module::report, ask)};
}

http::Response monthly_route(http::Context& context) {
  Month month = queried_month(context);
  bool json = wants_json(context);
  Gathered gathered = gather(context, month);
  const org::Node& node = gathered.node;
  context.write([&](store::Tx& tx) {
    context.audit(tx, "report.monthly", "org_node:" + std::to_string(node.id),
                  {{"month", month.text}, {"format", json ? "json" : "xlsx"}});
  });

  std::string heading = node.name + " " + month.text + " 月报";
  if (json) {
    return http::Response::json(200, {{"node", {{"id", node.id}, {"name", node.name}}},
                                      {"month", month.text},
                                      {"title", heading},
                                      {"sections", sections_json(gathered.sections)}});
  }
  http::Response response;
  response.content_type = kXlsxType;
  response.body = xlsx::workbook(sheets_of(heading, gathered.sections));
  response.header("Content-Disposition", "attachment; filename=\"report-" + std::to_string(node.id) + "-" + month.text +
                                             ".xlsx\"; filename*=UTF-8''" +
                                             percent_encode("月报-" + node.name + "-" + month.text + ".xlsx"));
  return response;
}

}  // namespace

modules::Module report_module() {
  return modules::Module{.name = "report", .routes = [](http::Router& router) {
                           // The read the statistics take: a report is their figures for one month.
                           router.add(http::Method::Get, "/api/v1/reports/monthly",
                                      http::Access::permission("stats.read", org::node_query_scope()), monthly_route);
                         }};
}

}  // namespace weizhi::app
