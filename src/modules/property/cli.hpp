// What the command line uses of the property capability: `weizhi evaluate`, the recomputation anyone can run on
// a month's exported evaluation.
#pragma once
#include <string>

namespace weizhi::property {

// The result JSON (evaluation_result_json) of the export in the file at `path`, by the same evaluate as the
// server. Throws ApiError naming the file and the field of the first bad input, or std::runtime_error when the
// file cannot be read.
std::string evaluate_file(const std::string& path);

}  // namespace weizhi::property
