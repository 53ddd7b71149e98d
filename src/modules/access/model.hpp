// The access module's types: a compound's gates in the street's three tiers with their opening hours and
// the main gates' guard roster, and the credentials (card, rotating QR, face) that open them.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace weizhi::access {

// docs/rules.md#i-three-gate-tiers: 大门 professional security, 中门 smart dynamic management, 小门 residents' own
// access control.
enum class Tier { Main, Middle, Small };
enum class GateStatus { Open, Closed, Fault };
enum class CredentialKind { Card, Qr, Face };
enum class CredentialState { Active, Suspended, Revoked };

// ISO weekdays: 1 is Monday, 7 Sunday.
using Weekdays = std::vector<int>;

// A weekly window in the street's time, when a gate is open or a guard on shift: from `from` until `to` (minutes
// of the day) on each of `weekdays`; a window whose end is not after its start runs past midnight into the next day.
struct OpenWindow {
  Weekdays weekdays;
  int from = 0;  // minutes after midnight, 0–1439
  int to = 0;    // minutes after midnight, 0–1439
};

// A gate's weekly opening hours: always open, or open in the windows listed (closed outside them).
struct Hours {
  bool always = true;
  std::vector<OpenWindow> windows;
};

struct GateInput {
  std::string name;
  Tier tier = Tier::Main;
  Hours hours;
  GateStatus status = GateStatus::Open;
  std::string note;
};

struct Gate {
  std::int64_t id;
  std::int64_t compound_node_id;
  std::string compound_name;
  GateInput input;
  std::string created_at;
  std::string updated_at;
};

// One shift of a main gate's guard roster: who stands there, and in which weekly window (a night shift's end is
// not after its start).
struct Shift {
  std::string guard_name;
  OpenWindow window;
};

// The committee's approval a credential for the small gates needs (docs/rules.md#i-small-gate-approval).
struct Approval {
  std::int64_t member_person_id;
  std::string reference;  // the decision's reference, such as 自管会〔2026〕3号
};

// What suspended a credential: `manual` by a worker, or later a record of another kind (an observation).
struct SuspendedBy {
  std::string kind;
  std::optional<std::int64_t> id;
};

struct CredentialInput {
  std::int64_t compound_node_id = 0;
  std::optional<std::int64_t> person_id;  // a resident of the compound
  std::optional<std::int64_t> user_id;    // or a staff account with a role on it
  CredentialKind kind = CredentialKind::Qr;
  // The card number, or the face enrolment's employee code on the device: no face image is kept
  // (docs/rules.md#i-no-face-images).
  std::optional<std::string> number;
  std::string valid_from;  // YYYY-MM-DD
  std::string valid_to;    // YYYY-MM-DD, the last day
  std::optional<Approval> approval;
};

struct Credential {
  std::int64_t id;
  CredentialInput input;
  std::string compound_name;
  std::string holder_name;  // a resident masked, staff by their account's name
  CredentialState state = CredentialState::Active;
  std::optional<std::string> reason;  // of the suspension or the revocation
  std::optional<SuspendedBy> suspended_by;
  std::optional<std::string> approver_name_masked;
  std::string created_at;
  std::string updated_at;
};

}  // namespace weizhi::access
