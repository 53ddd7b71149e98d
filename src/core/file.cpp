// Reading a whole file in one read, and writing one.
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

void write_file(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  if (!out) throw std::runtime_error("cannot write " + path);
}

}  // namespace weizhi
