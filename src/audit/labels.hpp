// How the audit log reads to a person: the Chinese name of every action the software records, what
// kind of record an entity names and where the console shows it, and the names of summary fields.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace weizhi::audit {

struct ActionLabel {
  std::string_view action;  // as recorded, e.g. "cases.transition"
  std::string_view label;   // 服务事项流转
};

// Every action the software records, in the order the picker lists them (by area).
const std::vector<ActionLabel>& action_labels();
std::optional<std::string_view> action_label(std::string_view action);

// An audit row's entity ("case:12", "org_node:3", "cases") read as a record.
struct EntityRef {
  std::string kind;                // "case"
  std::optional<std::int64_t> id;  // 12; none for a whole area ("cases")
  std::string kind_label;          // 服务事项; the kind itself when unknown
  std::string link;                // the console route of the record or its list; empty when none
};
EntityRef read_entity(std::string_view entity);

// The Chinese name of a summary field, such as "state" → 状态; the key itself when unknown.
std::string field_label(std::string_view key);

// Who an actor is when it is not an account: "system" → 系统, "cli:seed" → 命令行（seed）; nullopt
// for a login.
std::optional<std::string> non_person_actor(std::string_view actor);

}  // namespace weizhi::audit
