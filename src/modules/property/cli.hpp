// What the command line uses of the property capability: `weizhi export-evaluation`, a closed month's evaluation
// as its close evaluated it, and `weizhi evaluate`, the recomputation anyone can run on that export.
#pragma once
#include <cstdint>
#include <string>

namespace weizhi::store {
class Connection;
}

namespace weizhi::property {

// Writes the export (docs/rules.md#g-recount) the close of the evaluation `evaluation_id` scored to the file at
// `path`. Throws ApiError 404 when there is no such evaluation and 409 while its month is open.
void export_evaluation(store::Connection& connection, std::int64_t evaluation_id, const std::string& path);

// The result JSON (evaluation_result_json) of the export in the file at `path`, by the same evaluate as the
// server. Throws ApiError naming the file and the field of the first bad input, or std::runtime_error when the
// file cannot be read.
std::string evaluate_file(const std::string& path);

}  // namespace weizhi::property
