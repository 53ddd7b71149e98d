// `weizhi export-evaluation` and `weizhi evaluate`: a closed month's export, and the month recomputed from it
// (docs/rules.md#g-recount).
#include "modules/property/cli.hpp"

#include "core/error.hpp"
#include "core/file.hpp"
#include "modules/property/evaluation.hpp"
#include "modules/property/evaluation_store.hpp"

namespace weizhi::property {

void export_evaluation(store::Connection& connection, std::int64_t evaluation_id, const std::string& path) {
  auto evaluation = find_evaluation(connection, evaluation_id);
  if (!evaluation) fail_not_found("找不到月度考核 " + std::to_string(evaluation_id));
  if (!evaluation->closed) fail_conflict("月度考核结账后才能导出");
  write_file(path, *evaluation->input);
}

std::string evaluate_file(const std::string& path) {
  std::string text = read_file(path);
  try {
    return evaluation_result_json(evaluate(read_evaluation_json(text)));
  } catch (const ApiError& error) {
    // The JSON parser's own words speak of a request body.
    std::string problem = error.code() == "invalid_json" ? "不是有效的 JSON 对象（须为 UTF-8 编码）" : error.message();
    throw ApiError(error.status(), error.code(), path + ": " + problem, error.field());
  }
}

}  // namespace weizhi::property
