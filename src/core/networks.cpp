// IP networks from text and address matching (see networks.hpp), on inet_pton's strict forms: dotted quads without
// leading zeros, RFC 4291 IPv6 text without a zone.
#include "core/networks.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <optional>
#include <stdexcept>
#include <string>

namespace weizhi::net {

namespace {

struct Address {
  std::array<std::uint8_t, 16> bytes{};
  bool v4 = false;
};

std::optional<Address> parse_address(const std::string& text) {
  Address address;
  if (inet_pton(AF_INET, text.c_str(), address.bytes.data()) == 1) {
    address.v4 = true;
    return address;
  }
  if (inet_pton(AF_INET6, text.c_str(), address.bytes.data()) != 1) return std::nullopt;
  constexpr std::array<std::uint8_t, 12> kMappedPrefix{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
  if (std::equal(kMappedPrefix.begin(), kMappedPrefix.end(), address.bytes.begin())) {
    std::array<std::uint8_t, 16> v4{};
    std::copy_n(address.bytes.begin() + 12, 4, v4.begin());
    return Address{v4, true};
  }
  return address;
}

std::string_view trimmed(std::string_view text) {
  auto first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

// The prefix length after '/': 1–3 decimal digits no greater than `most`.
std::optional<int> parse_prefix(std::string_view digits, int most) {
  if (digits.empty() || digits.size() > 3) return std::nullopt;
  int bits = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return std::nullopt;
    bits = bits * 10 + (c - '0');
  }
  if (bits > most) return std::nullopt;
  return bits;
}

bool in_network(const Network& network, const Address& address) {
  if (network.v4 != address.v4) return false;
  int whole = network.prefix_bits / 8;
  if (!std::equal(network.bytes.begin(), network.bytes.begin() + whole, address.bytes.begin())) return false;
  int rest = network.prefix_bits % 8;
  if (rest == 0) return true;
  auto mask = static_cast<std::uint8_t>(0xff << (8 - rest));
  return (network.bytes[whole] & mask) == (address.bytes[whole] & mask);
}

Network parse_network(std::string_view entry) {
  auto malformed = [&] {
    return std::invalid_argument("'" + std::string(entry) +
                                 "' is not an IP address or CIDR block (such as 10.0.0.0/8, 192.0.2.7 or fd00::/8)");
  };
  auto slash = entry.find('/');
  auto address = parse_address(std::string(entry.substr(0, slash)));
  if (!address) throw malformed();
  int most = address->v4 ? 32 : 128;
  auto bits = slash == std::string_view::npos ? std::optional<int>(most) : parse_prefix(entry.substr(slash + 1), most);
  if (!bits) throw malformed();
  Network network{address->bytes, *bits, address->v4};
  // Host bits are cleared so that matching compares whole bytes of the block with the address's.
  for (int bit = *bits; bit < most; ++bit) network.bytes[bit / 8] &= static_cast<std::uint8_t>(~(0x80 >> (bit % 8)));
  return network;
}

}  // namespace

std::vector<Network> parse_networks(std::string_view list) {
  std::vector<Network> networks;
  if (trimmed(list).empty()) return networks;
  std::size_t start = 0;
  while (true) {
    auto comma = list.find(',', start);
    auto entry = trimmed(list.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start));
    if (entry.empty()) throw std::invalid_argument("an entry is empty (two commas, or one at an end)");
    networks.push_back(parse_network(entry));
    if (comma == std::string_view::npos) return networks;
    start = comma + 1;
  }
}

bool contains(const std::vector<Network>& networks, std::string_view address) {
  auto parsed = parse_address(std::string(address));
  if (!parsed) return false;
  return std::any_of(networks.begin(), networks.end(),
                     [&](const Network& network) { return in_network(network, *parsed); });
}

}  // namespace weizhi::net
