// Reading a whole file, as the offline commands read the exports they recount.
#pragma once
#include <string>

namespace weizhi {

// The file's bytes in one read (an export can be tens of megabytes); std::runtime_error "cannot read PATH"
// when it cannot be opened or read.
std::string read_file(const std::string& path);

}  // namespace weizhi
