// IP networks written as text (an address, or a CIDR block such as 10.0.0.0/8 or fd00::/8), IPv4 and IPv6, and
// whether an address lies in one of them: the server's list of trusted proxies (settings' trusted_proxies).
#pragma once
#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

namespace weizhi::net {

struct Network {
  std::array<std::uint8_t, 16> bytes{};  // the block's address; an IPv4 one in the first 4 bytes
  int prefix_bits = 0;                   // 0–32 for IPv4, 0–128 for IPv6
  bool v4 = false;
};

// Parses a comma-separated list of addresses and CIDR blocks (spaces around entries allowed; an address alone is
// a block of that one address; host bits after the prefix are ignored, so 127.0.0.1/8 is 127.0.0.0/8). An empty
// or all-space list is no networks. Throws std::invalid_argument naming the first malformed entry.
std::vector<Network> parse_networks(std::string_view list);

// Whether `address` (an IPv4 or IPv6 address as text) lies in one of `networks`. An IPv4-mapped IPv6 address
// (::ffff:a.b.c.d, how a dual-stack socket shows an IPv4 peer) is matched as its IPv4 address; text that is not an
// address lies in none.
bool contains(const std::vector<Network>& networks, std::string_view address);

}  // namespace weizhi::net
