// The append-only, hash-chained audit log. Each row's hash covers its own fields and the hash
// of the row before it, so altering, deleting or inserting any row breaks the chain from there
// on. Rows are written in the same transaction as the change they record.
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "core/json.hpp"
#include "store/db.hpp"

namespace weizhi::audit {

struct Entry {
  std::int64_t seq;
  std::string at;
  std::string actor;   // login, or "system" / "cli:<command>"
  std::string action;  // e.g. "session.create", "org.node.move"
  std::string entity;  // e.g. "user:12", "org_node:34"
  Json summary;
  std::string prev_hash;
  std::string hash;
};

// The hash of a row: SHA-256 over its fields and the previous hash in a fixed text form.
std::string chain_hash(std::int64_t seq, const std::string& at, const std::string& actor, const std::string& action,
                       const std::string& entity, const std::string& summary, const std::string& prev_hash);

// Appends one record inside `tx`; returns its seq.
std::int64_t record(store::Tx& tx, const std::string& actor, const std::string& action, const std::string& entity,
                    const Json& summary);

struct VerifyResult {
  bool intact;
  std::int64_t rows;
  std::optional<std::int64_t> first_broken_seq;
  std::string reason;
};

// Recomputes the whole chain.
VerifyResult verify(store::Connection& connection);

}  // namespace weizhi::audit
