// HTTP of the residents module: asking for a sign-in code by SMS, and the sign-in by phone and code
// that auth's POST /api/v1/session hands over for a body naming "phone" (auth/sign_in.hpp); the parts
// the invitation letters share with them (sign_in.hpp).
#include <sodium.h>

#include <spdlog/spdlog.h>

#include "audit/audit.hpp"
#include "auth/accounts.hpp"
#include "auth/sessions.hpp"
#include "core/error.hpp"
#include "core/masking.hpp"
#include "http/context.hpp"
#include "modules/people/people.hpp"
#include "modules/residents/module.hpp"
#include "modules/residents/rules.hpp"
#include "modules/residents/sign_in.hpp"
#include "modules/residents/sms.hpp"
#include "modules/residents/store.hpp"

namespace weizhi::residents {

namespace {

// A code request's body is one phone number.
constexpr std::size_t kMaxCodeRequestBytes = 1024;

Response too_soon(std::int64_t wait) {
  return Response::error(429, "too_many_requests", "验证码发送过于频繁，请 " + std::to_string(wait) + " 秒后再试",
                         "phone")
      .header("Retry-After", std::to_string(wait));
}

// The token that picks a person for one code.
std::string person_token(const crypto::DataKey& key, std::int64_t code_id, std::int64_t person_id) {
  return key.blind_index("sms-person:" + std::to_string(code_id) + ":" + std::to_string(person_id)).substr(0, 32);
}

// The people of the street (its root node `street`) registered with the phone: a family may share one.
std::vector<people::Person> people_with_phone(store::Connection& connection, std::int64_t street,
                                              const std::string& phone_index) {
  people::PeopleFilter filter;
  filter.scope_path = people::node_path(connection, street).value_or("/");
  filter.phone_index = phone_index;
  return people::search_people(connection, filter);
}

[[noreturn]] void unavailable(const std::string& message) { throw ApiError(503, "sms_unavailable", message); }

// POST /api/v1/session/sms-code: the same answer whatever the phone, so it tells no one who is registered;
// a code is sent only to a phone of the registry, and the limits count every phone alike.
Response request_code_route(Context& context) {
  JsonObject body(context.json_body());
  std::string phone = read_phone(body);
  body.finish();
  std::int64_t street = context.root_node_id();
  bool registered = false;
  {
    auto lease = context.read();
    registered = !people_with_phone(*lease, street, context.services.data_key.blind_index(phone)).empty();
  }
  return send_code(context, phone, registered, std::nullopt);
}

// Takes the code and signs the person in, all in the session's transaction.
auth::User sign_in_person(store::Tx& tx, std::int64_t code_id, const people::Person& person, const std::string& phone) {
  if (!use_code(tx, code_id)) refuse_code();
  ResidentAccount account = resident_account(tx, person);
  audit::record(tx, account.user.login, "residents.sms_code.use", "user:" + std::to_string(account.user.id),
                {{"phone", mask_phone(phone)},
                 {"account_created", account.created},
                 {"roles_added", account.changes.add.size()},
                 {"roles_ended", account.changes.end.size()}});
  return account.user;
}

auth::SignIn check_code(Context& context, JsonObject& body) {
  std::string phone = read_phone(body);
  std::string code = body.text("code");
  std::optional<std::string> chosen_token = body.optional_text("person_token");
  body.finish();
  if (!code_shaped(code)) fail_invalid("code", "验证码应为 6 位数字");
  auto& services = context.services;
  const crypto::DataKey& key = services.data_key;
  std::string phone_index = key.blind_index(phone);
  std::optional<StoredCode> stored;
  std::vector<people::Person> holders;
  std::int64_t street = context.root_node_id();
  {
    auto lease = context.read();
    stored = last_sent_code(*lease, phone_index);
    if (stored) holders = people_with_phone(*lease, street, phone_index);
  }
  if (!stored) refuse_code();
  bool matches = same_secret(stored->code_hash, code_hash(key, phone, code));
  Verdict verdict = judge_code(stored->sent, matches, services.clock.now(), policy_of(services.settings));
  if (verdict == Verdict::Wrong) context.write([&](store::Tx& tx) { count_failure(tx, stored->id); });
  if (verdict != Verdict::Accepted || holders.empty()) refuse_code();
  std::int64_t code_id = stored->id;
  const people::Person* person = holders.size() == 1 && !chosen_token ? &holders.front() : nullptr;
  if (chosen_token) {
    for (const auto& holder : holders)
      if (same_secret(person_token(key, code_id, holder.id), *chosen_token)) person = &holder;
    if (!person) fail_invalid("person_token", "请重新选择您是哪一位");
  }
  if (!person) {
    // A family on one phone: each picks themself, by masked name, with a token good for this code only.
    Json choices = Json::array();
    for (const auto& holder : holders)
      choices.push_back({{"person_token", person_token(key, code_id, holder.id)}, {"name", holder.name_masked}});
    return auth::SignIn{.account = {}, .answer = Response::json(200, {{"choose", choices}})};
  }
  return auth::SignIn{.account = [code_id, chosen = *person,
                                  phone](store::Tx& tx) { return sign_in_person(tx, code_id, chosen, phone); },
                      .answer = std::nullopt};
}

}  // namespace

CodePolicy policy_of(const Settings& settings) {
  CodePolicy policy;
  policy.per_address_per_hour = settings.sms_codes_per_address_per_hour;
  return policy;
}

std::string read_phone(JsonObject& body) {
  std::string phone = body.text("phone");
  if (auto problem = people::phone_problem(phone)) fail_invalid("phone", *problem);
  return normalise_phone(phone);
}

std::string address_index(const crypto::DataKey& key, const std::string& address) {
  return key.blind_index("sms-client:" + address);
}

std::string code_hash(const crypto::DataKey& key, const std::string& phone, const std::string& code) {
  return key.blind_index("sms-code:" + phone + ":" + code);
}

bool same_secret(const std::string& expected, const std::string& given) {
  return expected.size() == given.size() && sodium_memcmp(expected.data(), given.data(), expected.size()) == 0;
}

void refuse_code() { throw ApiError(401, "invalid_code", "验证码错误或已失效，请重新获取", "code"); }

Response send_code(Context& context, const std::string& phone, bool send, std::optional<std::int64_t> invitation_id) {
  auto& services = context.services;
  const crypto::DataKey& key = services.data_key;
  CodePolicy policy = policy_of(services.settings);
  CodeRequest request{key.blind_index(phone), address_index(key, context.request.client_address), std::nullopt,
                      services.clock.now() + policy.valid_for, invitation_id};
  auto sender = send ? sms_sender(services.settings) : nullptr;
  if (send && !sender) unavailable("短信服务未配置，暂时无法发送验证码，请联系社区工作人员");
  // The limits are checked and the request kept in one write, so that a burst of requests cannot pass
  // them together.
  std::optional<std::int64_t> wait;
  std::int64_t request_id = context.write([&](store::Tx& tx) -> std::int64_t {
    TimePoint now = tx.now();
    wait = wait_before_sending(
        phone_requests_since(tx.connection(), request.phone_index, now - std::chrono::hours(24)),
        address_requests_since(tx.connection(), request.address_index, now - std::chrono::hours(1)), now, policy);
    return wait ? 0 : insert_request(tx, request);
  });
  if (wait) return too_soon(*wait);
  Response accepted = Response::json(202, {{"resend_after", policy.resend_after.count()}});
  if (!send) return accepted;
  // Sent outside the writer, which a slow provider must not hold; one that fails leaves no request behind.
  CodeBytes bytes{};
  randombytes_buf(bytes.data(), bytes.size());
  std::string code = code_from_bytes(bytes);
  if (auto failure = sender->send(phone, code, services.clock.now())) {
    spdlog::error("sms code to {} not sent: {}", mask_phone(phone), *failure);
    context.write([&](store::Tx& tx) { delete_request(tx, request_id); });
    unavailable("短信服务暂时不可用，验证码未能发送，请稍后再试");
  }
  context.write([&](store::Tx& tx) {
    set_code_hash(tx, request_id, code_hash(key, phone, code));
    Json summary{{"client", context.request.client_address}};
    if (invitation_id) summary["invitation"] = *invitation_id;
    context.audit(tx, "residents.sms_code.send", "phone:" + mask_phone(phone), summary);
  });
  return accepted;
}

auth::SignInMethod phone_sign_in() { return auth::SignInMethod{"phone", check_code}; }

void add_routes(http::Router& router) {
  router.add(http::Route{Method::Post, "/api/v1/session/sms-code", Access::anyone(), request_code_route,
                         kMaxCodeRequestBytes});
}

}  // namespace weizhi::residents
