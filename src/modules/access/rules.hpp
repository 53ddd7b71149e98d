// Pure rules of the access module (docs/rules.md#i-gates-and-credentials): the codes of tiers, states and
// kinds, a gate's opening hours and whether it is open at a moment, the main gates' roster, who may hold a
// credential and what it covers, its lifecycle, and the rotating QR code (RFC 6238 TOTP over HMAC-SHA-256).
// No SQL, no HTTP, no clock: time is passed in.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/code_table.hpp"
#include "core/json.hpp"
#include "core/time.hpp"
#include "modules/access/model.hpp"

namespace weizhi::access {

// The codes rows and JSON speak (read with code_of, parse_code and parser_of).
constexpr CodeTable<Tier> kTiers = {{Tier::Main, "main"}, {Tier::Middle, "middle"}, {Tier::Small, "small"}};
constexpr CodeTable<GateStatus> kGateStatuses = {
    {GateStatus::Open, "open"}, {GateStatus::Closed, "closed"}, {GateStatus::Fault, "fault"}};
constexpr CodeTable<CredentialKind> kCredentialKinds = {
    {CredentialKind::Card, "card"}, {CredentialKind::Qr, "qr"}, {CredentialKind::Face, "face"}};
constexpr CodeTable<CredentialState> kCredentialStates = {{CredentialState::Active, "active"},
                                                          {CredentialState::Suspended, "suspended"},
                                                          {CredentialState::Revoked, "revoked"}};

// --- Gates ---

// "HH:MM" (00:00–23:59) as minutes after midnight; nullopt for anything else.
std::optional<int> parse_time_of_day(std::string_view text);
// Minutes after midnight as "HH:MM".
std::string time_of_day_text(int minutes);
// 400 naming `field` (or `field.weekdays`) unless weekdays are 1–7, at least one, none twice.
void check_weekdays(const Weekdays& weekdays, const std::string& field);
// 400 naming `field.weekdays` or `field.to`: the window's weekdays, and an end other than its start (`same_ends`
// says so).
void check_window(const OpenWindow& window, const std::string& field, const char* same_ends);
// 400 naming the field: hours that are not always open need 1–14 windows, each with its weekdays and an end
// other than its start.
void check_hours(const Hours& hours, const std::string& field);
// 400 naming the field: a name of 1–30 characters, a note of at most 200.
void check_gate(const GateInput& gate);
// Hours as the API and the store write them: {"always": true} or {"always": false, "windows": [{"weekdays": [1, 2],
// "from": "05:30", "to": "23:00"}]}.
Json hours_json(const Hours& hours);
// A window as the API writes it, in hours and in a roster's shifts: {"weekdays": [1, 2], "from": "05:30", "to":
// "23:00"}.
Json window_json(const OpenWindow& window);
// Reads a window so written from the entry's fields: 400 naming the field (`field.from` …) for what is not.
OpenWindow read_window(JsonObject& entry, const std::string& field);
// Reads hours so written: 400 naming the field (`hours.windows[0].from` …) for what is not, then check_hours.
Hours read_hours(const Json& value, const std::string& field);
// Weekdays as a JSON array of integers: 400 naming `field` unless an array of integers, then check_weekdays.
Weekdays read_weekdays(const Json& value, const std::string& field);
// A time of day "HH:MM": 400 naming `field` otherwise.
int read_time_of_day(const Json& value, const std::string& field);
// Whether a gate with these hours is open on ISO `weekday` (1 Monday … 7 Sunday) at `minute` after midnight:
// a window past midnight still holds in the small hours of the next day.
bool is_open_at(const Hours& hours, int weekday, int minute);
// The same at a moment, in the street's time (UTC+8).
bool is_open_at(const Hours& hours, TimePoint moment);

// The guard roster of a main gate: 422 naming `tier` for another tier; 400 naming the shift's field for at
// most 50 shifts of a guard name of 1–30 characters, weekdays, and an end other than the start.
void check_roster(Tier tier, const std::vector<Shift>& shifts);

// --- Credentials ---

// A card number or a face enrolment's employee code: 1–32 ASCII letters and digits (the devices' employeeNo).
bool number_shaped(std::string_view number);
// 400/422 naming the field: the holder is one person or one account; a card and a face carry `number`
// (named `card_number` or `face_reference`), a QR code none; dates YYYY-MM-DD with `valid_from` not after
// `valid_to`, which is not before `today`; an approval's reference 1–100 characters.
void check_credential(const CredentialInput& input, const std::string& today);
// The tiers a credential opens: the small gates only with the committee's approval
// (docs/rules.md#i-small-gate-approval).
std::vector<Tier> tiers_covered(bool approved);
// Whether the credential opens gates on `day` (YYYY-MM-DD): active, and the day within its validity.
bool usable_on(CredentialState state, const CredentialInput& input, const std::string& day);

// The reason a credential is suspended or revoked for: 400 naming `reason` unless 1–100 characters.
void check_reason(const std::string& reason);
// Only an active credential is suspended (409 naming `state` otherwise), with a reason.
void check_suspend(CredentialState state, const std::string& reason);
// Only a suspended credential is restored: a revoked one is over (409 naming `state`).
void check_restore(CredentialState state);
// An active or suspended credential is revoked, with a reason; a revoked one is 409 naming `state`.
void check_revoke(CredentialState state, const std::string& reason);

// The reason a credential ends with when its holder no longer lives in the compound.
inline constexpr const char* kMovedOutReason = "迁出";
// The reason a staff credential ends with when the account no longer holds a role on the compound.
inline constexpr const char* kLeftPostReason = "离岗";

// --- The rotating QR code (RFC 6238, docs/rules.md#i-rotating-code) ---

inline constexpr int kStepSeconds = 30;
inline constexpr int kCodeDigits = 8;
inline constexpr std::size_t kSecretBytes = 32;

// RFC 4226 HOTP over HMAC-SHA-256: the `digits`-digit code of `counter` under the raw `secret`.
std::string hotp_sha256(std::string_view secret, std::uint64_t counter, int digits = kCodeDigits);
// RFC 6238 TOTP: the code of the 30 s step `moment` lies in.
std::string totp(std::string_view secret, TimePoint moment);
// Seconds until the code of `moment` gives way to the next (1–30).
int expires_in(TimePoint moment);
// Whether `code` (exactly kCodeDigits ASCII digits) is the code of the step of `now` or of up to `window`
// steps either side, for a clock a little off. Compared in constant time.
bool verify_qr(std::string_view secret, std::string_view code, TimePoint now, int window = 1);

// What the QR image holds: "WZA1:<credential id>:<code>", so that a reader finds the credential whose secret
// checks the code.
std::string qr_payload(std::int64_t credential_id, std::string_view code);
struct QrPayload {
  std::int64_t credential_id;
  std::string code;
};
// nullopt unless `text` is a payload as qr_payload writes it.
std::optional<QrPayload> parse_qr_payload(std::string_view text);

// Hex (as crypto::random_hex writes the secret before it is encrypted) as raw bytes; nullopt if not hex.
std::optional<std::string> bytes_from_hex(std::string_view hex);

}  // namespace weizhi::access
