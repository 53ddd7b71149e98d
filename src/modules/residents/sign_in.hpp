// What signing in by phone (routes.cpp) and redeeming an invitation letter (invitations.cpp) share: the HTTP
// types they name, reading a phone, the keyed hashes, sending a code within the limits, and the resident's
// account (roles.cpp).
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "auth/accounts.hpp"
#include "core/crypto.hpp"
#include "core/json.hpp"
#include "core/settings.hpp"
#include "http/message.hpp"
#include "http/router.hpp"
#include "modules/people/people.hpp"
#include "modules/residents/rules.hpp"
#include "store/db.hpp"

namespace weizhi::http {
class Context;
}

namespace weizhi::residents {

using http::Access;
using http::Context;
using http::Method;
using http::Response;

CodePolicy policy_of(const Settings& settings);
// The body's phone, normalised; 400 naming `phone` for one that is no mainland mobile number.
std::string read_phone(JsonObject& body);
// Keyed hashes, each with a domain of its own, so that one never stands for another.
std::string address_index(const crypto::DataKey& key, const std::string& address);
std::string code_hash(const crypto::DataKey& key, const std::string& phone, const std::string& code);
// Compares two secrets in constant time.
bool same_secret(const std::string& expected, const std::string& given);
[[noreturn]] void refuse_code();

// Asks for a code to the phone within the limits of docs/rules.md#f-sms-codes, and sends it when `send`
// (a registered phone, or one redeeming the letter `invitation_id`): 202 with resend_after, 429 over a
// limit, 503 when the provider fails (and the request is forgotten).
Response send_code(Context& context, const std::string& phone, bool send, std::optional<std::int64_t> invitation_id);

// The person's account, found or made, with its resident roles brought in line with the person's homes.
struct ResidentAccount {
  auth::User user;
  bool created = false;
  RoleChanges changes;
};
// 401 account_disabled for a disabled account, 403 password_required for a staff member's.
ResidentAccount resident_account(store::Tx& tx, const people::Person& person);
// Ends the resident roles of accounts whose person no longer owns, rents or lives in the role's compound, each
// audited as the system's; returns how many ended (docs/rules.md#f-sms-codes: moving out ends the role).
std::int64_t end_roles_of_movers(store::Tx& tx);

}  // namespace weizhi::residents
