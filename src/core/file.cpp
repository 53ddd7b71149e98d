// Reading a whole file in one read.
#include "core/file.hpp"

#include <filesystem>
#include <fstream>
#include <stdexcept>

namespace weizhi {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::error_code error;
  auto size = std::filesystem::file_size(path, error);
  if (!in || error) throw std::runtime_error("cannot read " + path);
  std::string text(size, '\0');
  if (!in.read(text.data(), static_cast<std::streamsize>(size))) throw std::runtime_error("cannot read " + path);
  return text;
}

}  // namespace weizhi
