// HTTP routes of the imports module: CSV imports of parts and people into a compound (a dry run,
// or all rows in one audited write or none), and CSV exports of the parts and people under a node.
#include <algorithm>
#include <chrono>
#include <set>

#include "auth/permissions.hpp"
#include "core/error.hpp"
#include "http/context.hpp"
#include "modules/imports/csv.hpp"
#include "modules/imports/module.hpp"
#include "modules/imports/rules.hpp"
#include "modules/imports/store.hpp"
#include "modules/org/org.hpp"

namespace weizhi::imports {

namespace {

using http::Access;
using http::Context;
using http::Method;
using http::Response;
using http::Route;

// A 100,000-part file is about 4 MiB; 20 MiB leaves room for long names and GBK's wider bytes.
constexpr std::size_t kMaxImportBytes = 20 * 1024 * 1024;

// Thrown inside the write when any row is refused, so that all of the import is undone.
struct ImportRefused {};

bool query_flag(Context& context, const std::string& name) {
  auto text = context.query(name);
  if (!text || *text == "0" || *text == "false") return false;
  if (*text == "1" || *text == "true") return true;
  fail_invalid(name, name + " 应为 1 或 0");
}

// The node of ?node=: 400 without it, 404 when there is no such node.
org::Node query_node(Context& context) {
  auto text = context.query("node");
  if (!text) fail_invalid("node", "缺少参数 node（组织节点编号）");
  std::int64_t id = context.parse_id(*text, "node");
  auto lease = context.read();
  auto node = org::find_node(*lease, id);
  if (!node) fail_not_found("找不到该组织节点");
  return *node;
}

std::vector<CsvRecord> uploaded_records(Context& context) {
  std::optional<Encoding> encoding;
  if (auto name = context.query("encoding")) {
    encoding = parse_encoding(*name);
    if (!encoding) fail_invalid("encoding", "encoding 应为 utf-8 或 gbk");
  }
  return parse_csv(decode_to_utf8(context.request.body, encoding));
}

std::int64_t year_of(TimePoint now) {
  return static_cast<int>(std::chrono::year_month_day(std::chrono::floor<std::chrono::days>(now)).year());
}

Json report_json(bool dry_run, std::int64_t row_count, std::vector<RowError> errors, const Json& created) {
  std::stable_sort(errors.begin(), errors.end(), [](const RowError& a, const RowError& b) { return a.line < b.line; });
  std::set<std::int64_t> bad_lines;
  Json listed = Json::array();
  for (const auto& error : errors) {
    bad_lines.insert(error.line);
    listed.push_back({{"row", error.line},
                      {"field", error.field.empty() ? Json(nullptr) : Json(error.field)},
                      {"message", error.message}});
  }
  return {{"dry_run", dry_run},
          {"rows", row_count},
          {"valid", row_count - static_cast<std::int64_t>(bad_lines.size())},
          {"errors", listed},
          {"created", created}};
}

struct PartsImport {
  static constexpr const char* kAction = "import.parts";
  ReadRows<PartRow> file;
  PartsPlan plan;

  void read(const std::vector<CsvRecord>& records, std::int64_t) { file = read_parts(records); }
  void plan_against(store::Connection& connection, const org::Node& compound) {
    plan = plan_parts(file.rows, load_compound(connection, compound.id), file.errors);
  }
  void write(store::Tx& tx, const org::Node& compound) { write_parts(tx, compound, plan); }
  static Json created(const PartsPlan& plan) {
    return {{"buildings", plan.new_buildings}, {"units", plan.new_units}, {"parts", plan.new_parts}};
  }
};

struct PeopleImport {
  static constexpr const char* kAction = "import.people";
  const crypto::DataKey& key;
  const auth::Principal& importer;
  ReadRows<PersonRow> file;
  PeoplePlan plan;

  void read(const std::vector<CsvRecord>& records, std::int64_t current_year) {
    file = read_people(records, current_year);
  }
  void plan_against(store::Connection& connection, const org::Node& compound) {
    // Someone registered elsewhere is linked only by whom may write people there too.
    auto may_link = [&](std::int64_t home) { return auth::can(connection, importer, "people.write", home); };
    plan = plan_people(file.rows, compound.id, load_compound(connection, compound.id),
                       registered_people(connection, key, file.rows, may_link), file.errors);
  }
  void write(store::Tx& tx, const org::Node&) { write_people(tx, key, plan); }
  static Json created(const PeoplePlan& plan) {
    return {{"people", plan.new_people}, {"links", static_cast<std::int64_t>(plan.links.size())}};
  }
};

// What every import does: read the file; plan it against the registry — for real inside the write,
// so that nothing changes between the checks and the inserts; then write every row and one audit
// record (counts only, no personal data), or nothing at all.
template <class Import>
Response run_import(Context& context, Import import) {
  org::Node compound = query_node(context);
  if (compound.kind != org::NodeKind::Compound) fail_unprocessable("只能导入到小区：该节点不是小区", "node");
  bool dry_run = query_flag(context, "dry_run");
  import.read(uploaded_records(context), year_of(context.services.clock.now()));
  if (dry_run) {
    auto lease = context.read();
    import.plan_against(*lease, compound);
    return Response::json(200,
                          report_json(true, import.file.row_count, import.file.errors, Import::created(import.plan)));
  }
  bool refused = false;
  try {
    context.write([&](store::Tx& tx) {
      import.plan_against(tx.connection(), compound);
      if (!import.file.errors.empty()) throw ImportRefused{};
      try {
        import.write(tx, compound);
      } catch (const RowRejected& rejected) {
        import.file.errors.push_back(rejected.error());
        throw ImportRefused{};
      }
      Json summary = Import::created(import.plan);
      summary["rows"] = import.file.row_count;
      context.audit(tx, Import::kAction, "org_node:" + std::to_string(compound.id), summary);
    });
  } catch (const ImportRefused&) {
    refused = true;
  }
  Json created = Import::created(refused ? decltype(import.plan){} : import.plan);
  return Response::json(refused ? 422 : 201, report_json(false, import.file.row_count, import.file.errors, created));
}

Response import_parts_route(Context& context) { return run_import(context, PartsImport{}); }

Response import_people_route(Context& context) {
  return run_import(context, PeopleImport{context.services.data_key, context.user(), {}, {}});
}

Response csv_download(const std::string& body, const std::string& file_name) {
  Response response;
  response.content_type = "text/csv; charset=utf-8";
  response.body = body;
  response.header("Content-Disposition", "attachment; filename=\"" + file_name + "\"");
  return response;
}

Response export_parts_route(Context& context) {
  org::Node node = query_node(context);
  auto lease = context.read();
  return csv_download(parts_csv(parts_under(*lease, node)), "parts-" + std::to_string(node.id) + ".csv");
}

Response export_people_route(Context& context) {
  org::Node node = query_node(context);
  auto lease = context.read();
  return csv_download(people_csv(people_under(*lease, node)), "people-" + std::to_string(node.id) + ".csv");
}

}  // namespace

void add_routes(http::Router& router) {
  auto node_scope = http::scope::query_node_or_root("node");
  router.add(Route{Method::Post, "/api/v1/import/parts", Access::permission("org.write", node_scope),
                   import_parts_route, kMaxImportBytes});
  router.add(Route{Method::Post, "/api/v1/import/people", Access::permission("people.write", node_scope),
                   import_people_route, kMaxImportBytes});
  router.add(Method::Get, "/api/v1/export/parts", Access::permission("org.read", node_scope), export_parts_route);
  router.add(Method::Get, "/api/v1/export/people", Access::permission("people.read", node_scope), export_people_route);
}

}  // namespace weizhi::imports
