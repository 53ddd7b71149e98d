// The trusted-proxy list: addresses and CIDR blocks, IPv4 and IPv6, what lies in them, what is refused as
// malformed, and the environment's WEIZHI_TRUSTED_PROXIES stopping the start when it is.
#include <gtest/gtest.h>

#include <cstdlib>
#include <stdexcept>

#include "app/config.hpp"
#include "core/networks.hpp"

using namespace weizhi;

namespace {

bool trusted(const char* list, const char* address) { return net::contains(net::parse_networks(list), address); }

}  // namespace

TEST(Networks, TheDefaultTrustsLoopbackOnly) {
  auto loopback = net::parse_networks(Settings{}.trusted_proxies);
  EXPECT_TRUE(net::contains(loopback, "127.0.0.1"));
  EXPECT_TRUE(net::contains(loopback, "127.255.0.9"));
  EXPECT_TRUE(net::contains(loopback, "::1"));
  EXPECT_TRUE(net::contains(loopback, "::ffff:127.0.0.1")) << "a dual-stack socket's IPv4 peer";
  EXPECT_FALSE(net::contains(loopback, "128.0.0.1"));
  EXPECT_FALSE(net::contains(loopback, "10.0.0.1"));
  EXPECT_FALSE(net::contains(loopback, "::2"));
}

TEST(Networks, AnIPv4BlockHoldsItsAddressesToItsEdges) {
  EXPECT_TRUE(trusted("10.1.2.0/23", "10.1.2.0"));
  EXPECT_TRUE(trusted("10.1.2.0/23", "10.1.3.255"));
  EXPECT_FALSE(trusted("10.1.2.0/23", "10.1.1.255"));
  EXPECT_FALSE(trusted("10.1.2.0/23", "10.1.4.0"));
  EXPECT_TRUE(trusted("192.0.2.7", "192.0.2.7")) << "an address alone is a block of one";
  EXPECT_FALSE(trusted("192.0.2.7", "192.0.2.6"));
  EXPECT_TRUE(trusted("192.0.2.7/32", "192.0.2.7"));
  EXPECT_TRUE(trusted("0.0.0.0/0", "203.0.113.9")) << "a zero prefix holds every IPv4 address";
  EXPECT_FALSE(trusted("0.0.0.0/0", "2001:db8::1")) << "but no IPv6 one";
  EXPECT_TRUE(trusted("172.16.255.1/12", "172.31.0.1")) << "host bits past the prefix are ignored";
}

TEST(Networks, AnIPv6BlockHoldsItsAddressesToItsEdges) {
  EXPECT_TRUE(trusted("fd00::/8", "fdff:ffff::1"));
  EXPECT_FALSE(trusted("fd00::/8", "fe00::1"));
  EXPECT_TRUE(trusted("2001:db8:abcd:12::/63", "2001:db8:abcd:13:ffff::1"));
  EXPECT_FALSE(trusted("2001:db8:abcd:12::/63", "2001:db8:abcd:14::"));
  EXPECT_TRUE(trusted("2001:db8::5/128", "2001:0db8:0000::5")) << "any spelling of the same address";
  EXPECT_FALSE(trusted("2001:db8::5/128", "2001:db8::4"));
  EXPECT_FALSE(trusted("::/0", "10.0.0.1")) << "an IPv6 block holds no IPv4 address";
  EXPECT_TRUE(trusted("::/0", "2001:db8::1"));
}

TEST(Networks, AListIsCommaSeparatedWithSpacesAllowedAndMayBeEmpty) {
  auto list = net::parse_networks(" 10.0.0.0/8 ,\t192.168.1.1, fd12::/16 ");
  EXPECT_EQ(list.size(), 3u);
  EXPECT_TRUE(net::contains(list, "10.9.9.9"));
  EXPECT_TRUE(net::contains(list, "192.168.1.1"));
  EXPECT_TRUE(net::contains(list, "fd12:3::4"));
  EXPECT_FALSE(net::contains(list, "192.168.1.2"));
  EXPECT_TRUE(net::parse_networks("").empty());
  EXPECT_TRUE(net::parse_networks("  ").empty());
  EXPECT_FALSE(net::contains({}, "127.0.0.1")) << "an empty list trusts no proxy";
}

TEST(Networks, MalformedEntriesAreRefusedNamingTheEntry) {
  for (const char* list : {"10.0.0.0/33", "::/129", "10.0.0.0/", "10.0.0.0/-1", "10.0.0.0/+8", "10.0.0.0/8/8", "10.0.0",
                           "010.0.0.1", "10.0.0.256", "localhost", "fe80::1%eth0", "2001:db8:::1", "10.0.0.0/0008",
                           "10.0.0.1,", ",10.0.0.1", "10.0.0.1,,::1", "10.0.0.1 ::1", "*"}) {
    EXPECT_THROW(net::parse_networks(list), std::invalid_argument) << list;
  }
  try {
    net::parse_networks("10.0.0.0/8, 192.168.0.0/40");
    FAIL() << "a prefix past 32 bits was taken";
  } catch (const std::invalid_argument& error) {
    EXPECT_NE(std::string(error.what()).find("192.168.0.0/40"), std::string::npos) << error.what();
  }
}

TEST(Networks, AnAddressThatIsNotOneLiesInNoBlock) {
  EXPECT_FALSE(trusted("0.0.0.0/0, ::/0", ""));
  EXPECT_FALSE(trusted("0.0.0.0/0, ::/0", "unknown"));
  EXPECT_FALSE(trusted("0.0.0.0/0, ::/0", "10.0.0.1/8"));
}

TEST(Networks, TheEnvironmentsListIsCheckedAtStartNamingTheSetting) {
  ::setenv("WEIZHI_TRUSTED_PROXIES", "10.0.0.0/8, fd00::/8", 1);
  EXPECT_EQ(app::load_settings(std::nullopt).trusted_proxies, "10.0.0.0/8, fd00::/8");
  ::setenv("WEIZHI_TRUSTED_PROXIES", "10.0.0.0/8, proxy.local", 1);
  try {
    app::load_settings(std::nullopt);
    ADD_FAILURE() << "a host name was taken";
  } catch (const std::runtime_error& error) {
    std::string message = error.what();
    EXPECT_NE(message.find("trusted_proxies"), std::string::npos) << message;
    EXPECT_NE(message.find("proxy.local"), std::string::npos) << message;
  }
  ::unsetenv("WEIZHI_TRUSTED_PROXIES");
}
