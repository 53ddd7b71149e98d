// Personal data at rest and on screen: encryption, blind index and masks (docs/rules.md#f-personal-data).
#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdio>

#include "core/crypto.hpp"
#include "core/masking.hpp"

using namespace weizhi;

namespace {
crypto::DataKey key_of(unsigned char fill) {
  std::array<unsigned char, 32> bytes{};
  bytes.fill(fill);
  return crypto::DataKey(bytes);
}
}  // namespace

TEST(Masking, PhoneKeepsFirstThreeAndLastFour) { EXPECT_EQ(mask_phone("13812345678"), "138****5678"); }

TEST(Masking, IdNumberKeepsFirstThreeAndLastFour) {
  EXPECT_EQ(mask_id_number("110101199003071234"), "110***********1234");
}

TEST(Masking, ShortValuesAreFullyStarred) { EXPECT_EQ(mask_phone("12345"), "*****"); }

TEST(Masking, ChineseNamesMaskByCharacter) {
  EXPECT_EQ(mask_name("王芳"), "王*");
  EXPECT_EQ(mask_name("欧阳建国"), "欧**国");
  EXPECT_EQ(mask_name("李"), "李");
}

TEST(Masking, PhoneNormalisationDropsSeparatorsAndCountryCode) {
  EXPECT_EQ(normalise_phone("+86 138-1234-5678"), "13812345678");
  EXPECT_EQ(normalise_phone("138 1234 5678"), "13812345678");
}

TEST(DataKey, EncryptionRoundTrips) {
  crypto::init();
  auto key = key_of(7);
  std::string sealed = key.encrypt("110101199003071234");
  EXPECT_EQ(sealed.find("1101011990"), std::string::npos);
  EXPECT_EQ(key.decrypt(sealed), "110101199003071234");
}

TEST(DataKey, SameTextEncryptsDifferentlyEachTime) {
  crypto::init();
  auto key = key_of(7);
  EXPECT_NE(key.encrypt("13812345678"), key.encrypt("13812345678"));
}

TEST(DataKey, AlteredCiphertextIsRejected) {
  crypto::init();
  auto key = key_of(7);
  std::string sealed = key.encrypt("13812345678");
  sealed[10] = sealed[10] == 'A' ? 'B' : 'A';
  EXPECT_THROW(key.decrypt(sealed), std::runtime_error);
}

TEST(DataKey, AnotherKeyCannotDecrypt) {
  crypto::init();
  EXPECT_THROW(key_of(8).decrypt(key_of(7).encrypt("13812345678")), std::runtime_error);
}

TEST(DataKey, BlindIndexIsStablePerKeyAndDiffersAcrossKeys) {
  crypto::init();
  EXPECT_EQ(key_of(7).blind_index("13812345678"), key_of(7).blind_index("13812345678"));
  EXPECT_NE(key_of(7).blind_index("13812345678"), key_of(7).blind_index("13812345679"));
  EXPECT_NE(key_of(7).blind_index("13812345678"), key_of(8).blind_index("13812345678"));
}

TEST(DataKey, KeyFileMustHoldSixtyFourHexCharacters) {
  crypto::init();
  char path[] = "/tmp/weizhi-key-XXXXXX";
  int fd = mkstemp(path);
  ASSERT_GE(fd, 0);
  ::write(fd, "abc\n", 4);
  ::close(fd);
  EXPECT_THROW(crypto::DataKey::from_file(path), std::runtime_error);
  crypto::DataKey::generate_file(path);
  EXPECT_NO_THROW(crypto::DataKey::from_file(path));
  std::remove(path);
}

TEST(Passwords, Argon2idHashVerifiesOnlyTheRightPassword) {
  crypto::init();
  std::string hash = crypto::hash_password("correct horse");
  EXPECT_EQ(hash.rfind("$argon2id$", 0), 0u);
  EXPECT_TRUE(crypto::verify_password(hash, "correct horse"));
  EXPECT_FALSE(crypto::verify_password(hash, "correct horsf"));
}

TEST(Passwords, RealAccountsGetTheInteractiveCostAndOnlyTestStreetsTheMinimalOne) {
  crypto::init();
  // The cost is written into the hash: m= memory in KiB, t= passes.
  EXPECT_NE(crypto::hash_password("correct horse").find("$m=65536,t=2,"), std::string::npos);
  std::string cheap = crypto::hash_password("correct horse", crypto::PasswordCost::Minimal);
  EXPECT_EQ(cheap.find("$m=65536,"), std::string::npos) << cheap;
  EXPECT_TRUE(crypto::verify_password(cheap, "correct horse"));
  EXPECT_FALSE(crypto::verify_password(cheap, "correct horsf"));
}
