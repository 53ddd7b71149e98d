// Reading and writing a whole file, as the offline commands read the exports they recount and write the exports.
#pragma once
#include <string>

namespace weizhi {

// The file's bytes in one read (an export can be tens of megabytes); std::runtime_error "cannot read PATH"
// when it cannot be opened or read.
std::string read_file(const std::string& path);
// Writes `text` as the file's whole content; std::runtime_error "cannot write PATH" when it cannot.
void write_file(const std::string& path, const std::string& text);

}  // namespace weizhi
