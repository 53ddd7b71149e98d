// libsodium wrappers: tokens, digests, password hashing and the personal-data key.
#include "core/crypto.hpp"

#include <sodium.h>
#include <sys/stat.h>

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <vector>

namespace weizhi::crypto {

namespace {

std::string to_hex(const unsigned char* data, std::size_t size) {
  std::string out(size * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), data, size);
  out.pop_back();
  return out;
}

}  // namespace

void init() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
}

std::string random_hex(std::size_t bytes) {
  std::vector<unsigned char> buffer(bytes);
  randombytes_buf(buffer.data(), buffer.size());
  return to_hex(buffer.data(), buffer.size());
}

std::string sha256_hex(std::string_view data) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(data.data()), data.size());
  return to_hex(digest, sizeof digest);
}

std::string token_digest(std::string_view token) {
  unsigned char digest[32];
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(token.data()), token.size(), nullptr,
                     0);
  return to_hex(digest, sizeof digest);
}

std::string hash_password(std::string_view password, PasswordCost cost) {
  char out[crypto_pwhash_STRBYTES];
  const bool minimal = cost == PasswordCost::Minimal;
  if (crypto_pwhash_str(out, password.data(), password.size(),
                        minimal ? crypto_pwhash_OPSLIMIT_MIN : crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        minimal ? crypto_pwhash_MEMLIMIT_MIN : crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
    throw std::runtime_error("out of memory while hashing a password");
  }
  return out;
}

bool verify_password(std::string_view stored_hash, std::string_view password) {
  std::string hash(stored_hash);
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

DataKey DataKey::from_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read the data key file " + path);
  std::stringstream content;
  content << in.rdbuf();
  std::string hex = content.str();
  while (!hex.empty() && std::isspace(static_cast<unsigned char>(hex.back()))) hex.pop_back();
  std::array<unsigned char, 32> key{};
  std::size_t length = 0;
  if (hex.size() != 64 ||
      sodium_hex2bin(key.data(), key.size(), hex.data(), hex.size(), nullptr, &length, nullptr) != 0 || length != 32) {
    throw std::runtime_error("the data key file " + path + " must hold 64 hexadecimal characters");
  }
  return DataKey(key);
}

void DataKey::generate_file(const std::string& path) {
  std::array<unsigned char, 32> key{};
  randombytes_buf(key.data(), key.size());
  std::ofstream out(path, std::ios::trunc);
  if (!out) throw std::runtime_error("cannot write the data key file " + path);
  out << to_hex(key.data(), key.size()) << "\n";
  out.close();
  ::chmod(path.c_str(), 0600);
}

DataKey::DataKey(const std::array<unsigned char, 32>& key) {
  // Separate subkeys so the index never reuses the encryption key.
  crypto_kdf_derive_from_key(encryption_key_.data(), encryption_key_.size(), 1, "wzdata__", key.data());
  crypto_kdf_derive_from_key(index_key_.data(), index_key_.size(), 2, "wzindex_", key.data());
}

std::string DataKey::encrypt(std::string_view plaintext) const {
  std::vector<unsigned char> sealed(crypto_aead_xchacha20poly1305_ietf_NPUBBYTES + plaintext.size() +
                                    crypto_aead_xchacha20poly1305_ietf_ABYTES);
  unsigned char* nonce = sealed.data();
  randombytes_buf(nonce, crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
  unsigned long long cipher_length = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(sealed.data() + crypto_aead_xchacha20poly1305_ietf_NPUBBYTES,
                                             &cipher_length, reinterpret_cast<const unsigned char*>(plaintext.data()),
                                             plaintext.size(), nullptr, 0, nullptr, nonce, encryption_key_.data());
  std::string out(sodium_base64_ENCODED_LEN(sealed.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), sealed.data(), sealed.size(), sodium_base64_VARIANT_ORIGINAL);
  out.pop_back();
  return out;
}

std::string DataKey::decrypt(std::string_view sealed_text) const {
  std::vector<unsigned char> sealed(sealed_text.size());
  std::size_t length = 0;
  if (sodium_base642bin(sealed.data(), sealed.size(), sealed_text.data(), sealed_text.size(), nullptr, &length, nullptr,
                        sodium_base64_VARIANT_ORIGINAL) != 0 ||
      length < crypto_aead_xchacha20poly1305_ietf_NPUBBYTES + crypto_aead_xchacha20poly1305_ietf_ABYTES) {
    throw std::runtime_error("encrypted value is malformed");
  }
  std::string plain(length - crypto_aead_xchacha20poly1305_ietf_NPUBBYTES - crypto_aead_xchacha20poly1305_ietf_ABYTES,
                    '\0');
  unsigned long long plain_length = 0;
  if (crypto_aead_xchacha20poly1305_ietf_decrypt(reinterpret_cast<unsigned char*>(plain.data()), &plain_length, nullptr,
                                                 sealed.data() + crypto_aead_xchacha20poly1305_ietf_NPUBBYTES,
                                                 length - crypto_aead_xchacha20poly1305_ietf_NPUBBYTES, nullptr, 0,
                                                 sealed.data(), encryption_key_.data()) != 0) {
    throw std::runtime_error("encrypted value failed authentication");
  }
  plain.resize(plain_length);
  return plain;
}

std::string DataKey::blind_index(std::string_view normalised) const {
  unsigned char digest[32];
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(normalised.data()),
                     normalised.size(), index_key_.data(), index_key_.size());
  return to_hex(digest, sizeof digest);
}

}  // namespace weizhi::crypto
