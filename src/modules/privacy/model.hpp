// Types of the privacy module: the notice's versions, consents, and requests to correct the registry.
#pragma once
#include <cstdint>
#include <optional>
#include <string>

namespace weizhi::privacy {

// What a correction request asks to change: the registry's fields, the homes, or anything else.
enum class Field { Name, Phone, IdNumber, Home, Other };
// A request is open until staff answer it, corrected or rejected.
enum class Status { Open, Corrected, Rejected };

struct Notice {
  std::int64_t version;
  std::string body;
  std::optional<std::int64_t> published_by_user_id;
  std::string published_at;
  std::int64_t consents = 0;  // people who consented to this version
};

struct Consent {
  std::int64_t version;
  std::string consented_at;
};

// A correction request as stored, its sealed columns opened.
struct Correction {
  std::int64_t id;
  std::int64_t person_id;
  std::int64_t user_id;  // the account that asked, told of the answer
  std::string person_name_masked;
  std::int64_t home_node_id;
  std::string home_name;
  Field field;
  std::string proposed;
  std::optional<std::string> note;
  Status status;
  std::optional<std::string> reply;
  std::optional<std::int64_t> resolved_by_user_id;
  std::optional<std::string> resolved_at;
  std::string created_at;
};

}  // namespace weizhi::privacy
