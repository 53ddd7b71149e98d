// Pure rules of the access module: gates' hours and rosters, credentials' checks and lifecycle, and the rotating
// QR code (docs/rules.md#i-gates-and-credentials).
#include "modules/access/rules.hpp"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <set>

#include "core/code_table.hpp"
#include "core/entries.hpp"
#include "core/error.hpp"
#include "core/json_array.hpp"
#include "core/text.hpp"

namespace weizhi::access {

namespace {

constexpr int kMinutesPerDay = 24 * 60;
constexpr std::size_t kMostWindows = 14;
constexpr std::size_t kMostShifts = 50;

bool has_weekday(const Weekdays& weekdays, int weekday) {
  return std::find(weekdays.begin(), weekdays.end(), weekday) != weekdays.end();
}

// 400 naming `field` unless the text has 1 to `most` characters (blank is none).
void check_characters(const std::string& text, std::size_t most, const std::string& field, const std::string& message) {
  if (blank(text) || characters(text) > most) fail_invalid(field, message);
}

}  // namespace

// --- Gates ---

std::optional<int> parse_time_of_day(std::string_view text) {
  if (text.size() != 5 || text[2] != ':') return std::nullopt;
  for (std::size_t i : {0, 1, 3, 4}) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
  }
  int hours = (text[0] - '0') * 10 + (text[1] - '0');
  int minutes = (text[3] - '0') * 10 + (text[4] - '0');
  if (hours > 23 || minutes > 59) return std::nullopt;
  return hours * 60 + minutes;
}

std::string time_of_day_text(int minutes) {
  std::string text = "00:00";
  text[0] = static_cast<char>('0' + minutes / 600);
  text[1] = static_cast<char>('0' + minutes / 60 % 10);
  text[3] = static_cast<char>('0' + minutes % 60 / 10);
  text[4] = static_cast<char>('0' + minutes % 10);
  return text;
}

void check_weekdays(const Weekdays& weekdays, const std::string& field) {
  std::set<int> seen;
  if (weekdays.empty() || weekdays.size() > 7) fail_invalid(field, "请选择 1 至 7 个星期几");
  for (int weekday : weekdays) {
    if (weekday < 1 || weekday > 7 || !seen.insert(weekday).second) {
      fail_invalid(field, "星期几应为 1（周一）至 7（周日），且不重复");
    }
  }
}

void check_window(const OpenWindow& window, const std::string& field, const char* same_ends) {
  check_weekdays(window.weekdays, field + ".weekdays");
  if (window.from == window.to) fail_invalid(field + ".to", same_ends);
}

void check_hours(const Hours& hours, const std::string& field) {
  if (hours.always) {
    if (!hours.windows.empty()) fail_invalid(field + ".windows", "全天开放时不设开放时段");
    return;
  }
  if (hours.windows.empty()) fail_invalid(field + ".windows", "请至少填写一个开放时段，或设为全天开放");
  check_entries(hours.windows, kMostWindows, field + ".windows", "开放时段最多 14 个",
                [](const OpenWindow& window, const std::string& window_field) {
                  check_window(window, window_field, "开放时段的结束时间不能等于开始时间");
                });
}

void check_gate(const GateInput& gate) {
  check_characters(gate.name, 30, "name", "门岗名称应为 1 至 30 个字");
  if (characters(gate.note) > 200) fail_invalid("note", "备注不超过 200 字");
  check_hours(gate.hours, "hours");
}

Json window_json(const OpenWindow& window) {
  return {{"weekdays", window.weekdays}, {"from", time_of_day_text(window.from)}, {"to", time_of_day_text(window.to)}};
}

Json hours_json(const Hours& hours) {
  Json windows = Json::array();
  for (const auto& window : hours.windows) windows.push_back(window_json(window));
  return {{"always", hours.always}, {"windows", windows}};
}

Weekdays read_weekdays(const Json& value, const std::string& field) {
  auto numbers = integer_array(value, field, "星期几应为数组，如 [1, 2, 3]", "星期几应为 1 至 7 的整数");
  Weekdays weekdays;
  for (auto number : numbers) {
    if (number < 1 || number > 7) fail_invalid(field, "星期几应为 1（周一）至 7（周日），且不重复");
    weekdays.push_back(static_cast<int>(number));
  }
  check_weekdays(weekdays, field);
  return weekdays;
}

int read_time_of_day(const Json& value, const std::string& field) {
  auto minutes = value.is_string() ? parse_time_of_day(value.get<std::string>()) : std::nullopt;
  if (!minutes) fail_invalid(field, "时间应为 HH:MM，如 05:30");
  return *minutes;
}

OpenWindow read_window(JsonObject& entry, const std::string& field) {
  OpenWindow window;
  window.weekdays = read_weekdays(entry.any("weekdays"), field + ".weekdays");
  window.from = read_time_of_day(entry.any("from"), field + ".from");
  window.to = read_time_of_day(entry.any("to"), field + ".to");
  return window;
}

Hours read_hours(const Json& value, const std::string& field) {
  JsonObject body(value, field);
  Hours hours;
  hours.always = body.boolean("always");
  if (const Json* windows = body.optional_any("windows")) {
    hours.windows = read_array(*windows, field + ".windows", "开放时段应为数组",
                               [](const Json& element, const std::string& window_field) {
                                 JsonObject entry(element, window_field);
                                 OpenWindow window = read_window(entry, window_field);
                                 entry.finish();
                                 return window;
                               });
  }
  body.finish();
  check_hours(hours, field);
  return hours;
}

bool is_open_at(const Hours& hours, int weekday, int minute) {
  if (hours.always) return true;
  int previous_day = weekday == 1 ? 7 : weekday - 1;
  return std::any_of(hours.windows.begin(), hours.windows.end(), [&](const OpenWindow& window) {
    if (window.from < window.to)
      return has_weekday(window.weekdays, weekday) && minute >= window.from && minute < window.to;
    // Past midnight: the evening of one of its days, or the small hours after one.
    return (has_weekday(window.weekdays, weekday) && minute >= window.from) ||
           (has_weekday(window.weekdays, previous_day) && minute < window.to);
  });
}

bool is_open_at(const Hours& hours, TimePoint moment) {
  // The street's time is UTC+8 all year.
  auto local = std::chrono::floor<std::chrono::minutes>(moment) + std::chrono::hours{8};
  auto day = std::chrono::floor<std::chrono::days>(local);
  int weekday = static_cast<int>(std::chrono::weekday{day}.iso_encoding());
  return is_open_at(hours, weekday, static_cast<int>((local - day).count()));
}

void check_roster(Tier tier, const std::vector<Shift>& shifts) {
  if (tier != Tier::Main) fail_unprocessable("只有大门（专业保安管理）设保安排班", "tier");
  check_entries(shifts, kMostShifts, "shifts", "排班最多 50 条", [](const Shift& shift, const std::string& field) {
    check_characters(shift.guard_name, 30, field + ".guard_name", "保安姓名应为 1 至 30 个字");
    check_window(shift.window, field, "班次的结束时间不能等于开始时间");
  });
}

// --- Credentials ---

bool number_shaped(std::string_view number) {
  return !number.empty() && number.size() <= 32 && std::all_of(number.begin(), number.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
  });
}

void check_credential(const CredentialInput& input, const std::string& today) {
  if (input.person_id.has_value() == input.user_id.has_value()) {
    fail_invalid("person_id", "请指定持卡人：居民（person_id）或工作人员账号（user_id），二者选一");
  }
  const char* number_field = input.kind == CredentialKind::Face ? "face_reference" : "card_number";
  if (input.kind == CredentialKind::Qr) {
    if (input.number) fail_invalid("card_number", "二维码凭证不填卡号");
  } else if (!input.number || !number_shaped(*input.number)) {
    fail_invalid(number_field, input.kind == CredentialKind::Face ? "人脸登记编号应为 1 至 32 位字母或数字"
                                                                  : "卡号应为 1 至 32 位字母或数字");
  }
  if (!parse_date(input.valid_from)) fail_invalid("valid_from", "生效日期应为 YYYY-MM-DD");
  if (!parse_date(input.valid_to)) fail_invalid("valid_to", "失效日期应为 YYYY-MM-DD");
  if (input.valid_to < input.valid_from) fail_unprocessable("失效日期不能早于生效日期", "valid_to");
  if (input.valid_to < today) fail_unprocessable("失效日期已过", "valid_to");
  if (input.approval) {
    check_characters(input.approval->reference, 100, "approval.reference",
                     "请填写自管会决定的文号或说明（不超过 100 字）");
  }
}

std::vector<Tier> tiers_covered(bool approved) {
  if (approved) return {Tier::Main, Tier::Middle, Tier::Small};
  return {Tier::Main, Tier::Middle};
}

bool usable_on(CredentialState state, const CredentialInput& input, const std::string& day) {
  return state == CredentialState::Active && input.valid_from <= day && day <= input.valid_to;
}

void check_reason(const std::string& reason) { check_characters(reason, 100, "reason", "请填写原因（不超过 100 字）"); }

void check_suspend(CredentialState state, const std::string& reason) {
  if (state != CredentialState::Active) fail_conflict("只有有效的凭证可以暂停", "state");
  check_reason(reason);
}

void check_restore(CredentialState state) {
  if (state == CredentialState::Revoked) fail_conflict("凭证已注销，不能恢复，请重新发放", "state");
  if (state != CredentialState::Suspended) fail_conflict("只有暂停中的凭证可以恢复", "state");
}

void check_revoke(CredentialState state, const std::string& reason) {
  if (state == CredentialState::Revoked) fail_conflict("凭证已注销", "state");
  check_reason(reason);
}

// --- The rotating QR code ---

std::string hotp_sha256(std::string_view secret, std::uint64_t counter, int digits) {
  std::array<unsigned char, 8> message{};
  for (int i = 7; i >= 0; --i) {
    message[static_cast<std::size_t>(i)] = static_cast<unsigned char>(counter & 0xff);
    counter >>= 8;
  }
  std::array<unsigned char, crypto_auth_hmacsha256_BYTES> mac{};
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(secret.data()), secret.size());
  crypto_auth_hmacsha256_update(&state, message.data(), message.size());
  crypto_auth_hmacsha256_final(&state, mac.data());
  // RFC 4226 §5.3, dynamic truncation.
  std::size_t offset = mac.back() & 0x0f;
  std::uint32_t binary = (static_cast<std::uint32_t>(mac[offset] & 0x7f) << 24) |
                         (static_cast<std::uint32_t>(mac[offset + 1]) << 16) |
                         (static_cast<std::uint32_t>(mac[offset + 2]) << 8) | mac[offset + 3];
  std::uint32_t modulus = 1;
  for (int i = 0; i < digits; ++i) modulus *= 10;
  std::string code = std::to_string(binary % modulus);
  return std::string(static_cast<std::size_t>(digits) - code.size(), '0') + code;
}

namespace {

std::int64_t seconds_since_epoch(TimePoint moment) {
  return std::chrono::duration_cast<std::chrono::seconds>(moment.time_since_epoch()).count();
}

}  // namespace

std::string totp(std::string_view secret, TimePoint moment) {
  return hotp_sha256(secret, static_cast<std::uint64_t>(seconds_since_epoch(moment) / kStepSeconds));
}

int expires_in(TimePoint moment) { return kStepSeconds - static_cast<int>(seconds_since_epoch(moment) % kStepSeconds); }

bool verify_qr(std::string_view secret, std::string_view code, TimePoint now, int window) {
  if (code.size() != static_cast<std::size_t>(kCodeDigits) ||
      !std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return false;
  }
  std::int64_t step = seconds_since_epoch(now) / kStepSeconds;
  bool matched = false;
  // Every step of the window is computed and compared, so the time taken tells nothing of which matched.
  for (std::int64_t counter = step - window; counter <= step + window; ++counter) {
    if (counter < 0) continue;
    std::string expected = hotp_sha256(secret, static_cast<std::uint64_t>(counter));
    matched |= sodium_memcmp(expected.data(), code.data(), expected.size()) == 0;
  }
  return matched;
}

std::string qr_payload(std::int64_t credential_id, std::string_view code) {
  return "WZA1:" + std::to_string(credential_id) + ":" + std::string(code);
}

std::optional<QrPayload> parse_qr_payload(std::string_view text) {
  constexpr std::string_view kPrefix = "WZA1:";
  if (text.substr(0, kPrefix.size()) != kPrefix) return std::nullopt;
  text.remove_prefix(kPrefix.size());
  auto colon = text.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon > 18) return std::nullopt;
  std::int64_t id = 0;
  for (char c : text.substr(0, colon)) {
    if (c < '0' || c > '9') return std::nullopt;
    id = id * 10 + (c - '0');
  }
  std::string_view code = text.substr(colon + 1);
  if (id <= 0 || code.size() != static_cast<std::size_t>(kCodeDigits) ||
      !std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return std::nullopt;
  }
  return QrPayload{id, std::string(code)};
}

std::optional<std::string> bytes_from_hex(std::string_view hex) {
  if (hex.size() % 2 != 0) return std::nullopt;
  auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  std::string bytes;
  for (std::size_t i = 0; i < hex.size(); i += 2) {
    int high = nibble(hex[i]), low = nibble(hex[i + 1]);
    if (high < 0 || low < 0) return std::nullopt;
    bytes.push_back(static_cast<char>(high * 16 + low));
  }
  return bytes;
}

}  // namespace weizhi::access
