// Cryptography on libsodium: random tokens, digests for the audit chain and fingerprints,
// argon2id password hashes, and the data key that encrypts personal data at rest
// (XChaCha20-Poly1305) and derives the keyed blind index used to look records up by phone.
#pragma once
#include <array>
#include <string>
#include <string_view>

namespace weizhi::crypto {

// Initialises libsodium; safe to call many times.
void init();

// `bytes` random bytes as lowercase hex.
std::string random_hex(std::size_t bytes);
std::string sha256_hex(std::string_view data);
// Unkeyed BLAKE2b-256 as hex: used to store session and API tokens (only their digest is kept).
std::string token_digest(std::string_view token);

// How hard a password hash is to compute: Interactive (libsodium's limits, 64 MiB, about 100–170 ms
// here) for every real account; Minimal only for the throwaway streets of the API tests, where
// hundreds of sign-ins would otherwise spend minutes hashing.
enum class PasswordCost { Interactive, Minimal };

// argon2id at `cost`. Callers bound how many interactive ones run at once (auth::PasswordPool)
// because each one takes that much memory. Verifying reads the cost back from the hash.
std::string hash_password(std::string_view password, PasswordCost cost = PasswordCost::Interactive);
bool verify_password(std::string_view stored_hash, std::string_view password);

class DataKey {
 public:
  // Reads 64 hex characters (32 bytes) from the file; throws std::runtime_error with a clear message.
  static DataKey from_file(const std::string& path);
  // Writes a fresh random key file readable by its owner only.
  static void generate_file(const std::string& path);
  explicit DataKey(const std::array<unsigned char, 32>& key);

  // base64 of nonce ‖ ciphertext ‖ tag.
  std::string encrypt(std::string_view plaintext) const;
  // Throws std::runtime_error if the ciphertext was altered or made with another key.
  std::string decrypt(std::string_view sealed) const;
  // Keyed BLAKE2b of an already normalised value, as hex: equal inputs give equal indexes, and
  // without the key the index reveals nothing.
  std::string blind_index(std::string_view normalised) const;

 private:
  std::array<unsigned char, 32> encryption_key_{};
  std::array<unsigned char, 32> index_key_{};
};

}  // namespace weizhi::crypto
