// `weizhi evaluate`: a month's evaluation recomputed from its export (docs/rules.md#g-recount).
#include "modules/property/cli.hpp"

#include <fstream>
#include <iterator>
#include <stdexcept>

#include "modules/property/evaluation.hpp"

namespace weizhi::property {

std::string evaluate_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  if (in.bad()) throw std::runtime_error("cannot read " + path);
  return evaluation_result_json(evaluate(read_evaluation_json(text)));
}

}  // namespace weizhi::property
