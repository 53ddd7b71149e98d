// `weizhi evaluate`: a month's evaluation recomputed from its export (docs/rules.md#g-recount).
#include "modules/property/cli.hpp"

#include "core/error.hpp"
#include "core/file.hpp"
#include "modules/property/evaluation.hpp"

namespace weizhi::property {

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
