// A query parameter that names a code (`?state=open`): absent is no filter, an unknown code is a 400
// naming the parameter.
#pragma once
#include <optional>
#include <string>

#include "core/error.hpp"
#include "http/context.hpp"

namespace weizhi::http {

// The query parameter `name` as `parse` reads it (nullopt for an unknown code): nullopt when absent,
// and a 400 naming `name` with `unknown` when `parse` refuses it.
template <class Parse>
auto query_code(const Context& context, const std::string& name, Parse parse, const std::string& unknown)
    -> decltype(parse(std::string())) {
  auto code = context.query(name);
  if (!code) return std::nullopt;
  auto value = parse(*code);
  if (!value) fail_invalid(name, unknown);
  return value;
}

}  // namespace weizhi::http
