// Benchmark of a terminal's offline check of a visitor pass: check_pass on a genuine token (Ed25519 verification,
// base64url and the payload's fields), then on a forged one, as a gate reader does without asking the platform.
// Prints microseconds per check against the goal.
#include <sodium.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "core/crypto.hpp"
#include "modules/access/visitors_rules.hpp"

namespace {

using namespace weizhi;

constexpr double kGoalMicroseconds = 100.0;

// Microseconds per check of `token`, over `rounds` checks; `valid` counts those found valid.
double microseconds_per_check(const std::string& token, const access::VerifyKey& key, TimePoint now, int rounds,
                              int& valid) {
  valid = 0;
  auto started = std::chrono::steady_clock::now();
  for (int i = 0; i < rounds; ++i) {
    valid += access::check_pass(token, key, 7, now).verdict == access::PassVerdict::Valid;
  }
  return std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - started).count() / rounds;
}

}  // namespace

int main(int argc, char** argv) {
  int rounds = argc > 1 ? std::atoi(argv[1]) : 20000;
  if (rounds < 1) {
    std::fprintf(stderr, "usage: visitor_check_bench [CHECKS>=1]\n");
    return 2;
  }
  crypto::init();
  unsigned char public_key[crypto_sign_PUBLICKEYBYTES];
  unsigned char secret_key[crypto_sign_SECRETKEYBYTES];
  crypto_sign_keypair(public_key, secret_key);
  access::VerifyKey key{1, std::string(reinterpret_cast<char*>(public_key), sizeof public_key)};
  TimePoint now = std::chrono::system_clock::now();
  auto expires = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count() + 86400;
  std::string token = access::sign_pass({123456, 7, expires, access::PassUses::Once, 1},
                                        std::string(reinterpret_cast<char*>(secret_key), sizeof secret_key));
  std::string forged = token;
  forged[forged.size() - 2] = forged[forged.size() - 2] == 'A' ? 'B' : 'A';

  int valid = 0, forged_valid = 0;
  double genuine = microseconds_per_check(token, key, now, rounds, valid);
  double refused = microseconds_per_check(forged, key, now, rounds, forged_valid);
  if (valid != rounds || forged_valid != 0) {
    std::fprintf(stderr, "visitor check: %d of %d genuine valid, %d forged valid\n", valid, rounds, forged_valid);
    return 1;
  }
  std::printf(
      "visitor pass check (offline, Ed25519): %.1f µs per genuine token, %.1f µs per forged one (%d checks each, "
      "%zu-character token), goal <= %.0f µs: %s\n",
      genuine, refused, rounds, token.size(), kGoalMicroseconds, genuine <= kGoalMicroseconds ? "met" : "MISSED");
  return 0;
}
