// HTTP routes of visitor passes and of the gate's check: the platform's public key for the terminals, a household's
// passes issued, listed and revoked on the H5, the compound's passes for staff, and the check a guard's phone or an
// online terminal asks of a credential's rotating code or a pass, which records the passage (docs/rules.md#i-visitor-
// passes). A pass, gate or compound out of the caller's reach is answered as missing (404).
#include <sodium.h>

#include <algorithm>

#include "audit/audit.hpp"
#include "core/json_array.hpp"
#include "core/json_code.hpp"
#include "core/masking.hpp"
#include "http/body_id.hpp"
#include "http/context.hpp"
#include "http/paging.hpp"
#include "modules/access/devices.hpp"
#include "modules/access/permissions.hpp"
#include "modules/access/route_support.hpp"
#include "modules/access/rules.hpp"
#include "modules/access/store.hpp"
#include "modules/access/visitors_rules.hpp"
#include "modules/access/visitors_store.hpp"
#include "modules/org/org.hpp"
#include "modules/people/people.hpp"

namespace weizhi::access {

namespace {

constexpr const char* kNoPass = "找不到该访客通行证";
// A payload longer than any code or token of ours is refused before it is read.
constexpr std::size_t kLongestPayload = 512;

// --- The signing key ---

struct SigningKey {
  VerifyKey verify;
  std::string secret;  // 64 raw bytes
};

// The platform's key, made on first need: the secret half leaves the server only as signatures.
SigningKey signing_key_of(Context& context) {
  auto kept = [&] {
    auto lease = context.read();
    return signing_key(*lease);
  }();
  if (!kept) {
    unsigned char public_key[crypto_sign_PUBLICKEYBYTES];
    unsigned char secret_key[crypto_sign_SECRETKEYBYTES];
    crypto_sign_keypair(public_key, secret_key);
    char hex[crypto_sign_SECRETKEYBYTES * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, secret_key, sizeof secret_key);
    sodium_memzero(secret_key, sizeof secret_key);
    std::string secret_enc = context.services.data_key.encrypt(hex);
    sodium_memzero(hex, sizeof hex);
    std::string public_base64 = base64_text({reinterpret_cast<const char*>(public_key), sizeof public_key});
    kept = context.services.db.write([&](store::Tx& tx) {
      keep_signing_key(tx, public_base64, secret_enc);
      return signing_key(tx.connection());
    });
  }
  auto public_key = bytes_from_base64(kept->public_key_base64);
  auto secret = bytes_from_hex(context.services.data_key.decrypt(kept->secret_enc));
  if (!public_key || !secret) throw std::runtime_error("the visitor pass signing key is unreadable");
  return SigningKey{{kept->id, *public_key}, *secret};
}

Response key_route(Context& context) {
  // Whoever checks passes: staff reading the compounds' access, and the gates' terminals and guards' phones.
  if (!context.can(kRead, std::nullopt) && !context.can(kCheck, std::nullopt)) fail_forbidden();
  SigningKey key = signing_key_of(context);
  return Response::json(
      200,
      {{"public_key", base64_text(key.verify.public_key)}, {"algorithm", "Ed25519"}, {"key_id", key.verify.key_id}});
}

// --- Passes ---

std::int64_t unix_seconds(TimePoint moment) {
  return std::chrono::duration_cast<std::chrono::seconds>(moment.time_since_epoch()).count();
}

PassState state_of(const VisitorPass& pass, TimePoint now) {
  auto expires = parse_iso(pass.expires_at).value_or(TimePoint{});
  return pass_state(pass.revoked_at.has_value(), pass.uses, pass.used_at.has_value(), expires, now);
}

Json tiers_json(const std::vector<Tier>& tiers) {
  Json codes = Json::array();
  for (Tier tier : tiers) codes.push_back(code_of(kTiers, tier));
  return codes;
}

// A pass as shown: the visitor masked, its state and the seconds left; `key` adds the token for an active pass.
Json pass_json(const VisitorPass& pass, TimePoint now, const SigningKey* key) {
  PassState state = state_of(pass, now);
  auto expires = parse_iso(pass.expires_at).value_or(TimePoint{});
  Json shown{{"id", pass.id},
             {"compound", {{"id", pass.compound_node_id}, {"name", pass.compound_name}}},
             {"part", {{"id", pass.part_node_id}, {"name", pass.part_name}}},
             {"visitor_name", pass.name_masked},
             {"visitor_phone", pass.phone_masked},
             {"uses", code_of(kPassUses, pass.uses)},
             {"gate_tiers", tiers_json(pass.tiers)},
             {"expires_at", pass.expires_at},
             {"seconds_left", state == PassState::Active ? unix_seconds(expires) - unix_seconds(now) : 0},
             {"state", code_of(kPassStates, state)},
             {"used_at", or_null(pass.used_at)},
             {"use_count", pass.use_count},
             {"revoked_at", or_null(pass.revoked_at)},
             {"created_at", pass.created_at}};
  if (key && state == PassState::Active) {
    shown["token"] =
        sign_pass({pass.id, pass.compound_node_id, unix_seconds(expires), pass.uses, key->verify.key_id}, key->secret);
  }
  return shown;
}

// The parts the caller's person owns, rents or lives in: their households. 403 for an account of no household.
std::vector<people::PlacedLink> households_of(Context& context, store::Connection& connection) {
  auto person = people::person_of_user(connection, context.user().user_id);
  std::vector<people::PlacedLink> links;
  if (person) {
    for (auto& link : people::links_of_person(connection, *person)) {
      if (link.compound) links.push_back(std::move(link));
    }
  }
  if (links.empty()) fail_forbidden("只有登记的业主、租户或居住人可以开具访客通行证");
  return links;
}

std::vector<std::int64_t> part_ids_of(const std::vector<people::PlacedLink>& links) {
  std::vector<std::int64_t> ids;
  for (const auto& link : links) {
    if (std::find(ids.begin(), ids.end(), link.part.id) == ids.end()) ids.push_back(link.part.id);
  }
  return ids;
}

// The household a pass is issued for: the given part among the caller's (404 naming `part_id` otherwise), or
// their only one (400 naming `part_id` when they have several).
const people::PlacedLink& household_for(const std::vector<people::PlacedLink>& links,
                                        std::optional<std::int64_t> part_id) {
  if (part_id) {
    for (const auto& link : links) {
      if (link.part.id == *part_id) return link;
    }
    throw ApiError(404, "not_found", "找不到该房屋", "part_id");
  }
  if (part_ids_of(links).size() > 1) fail_invalid("part_id", "您登记了多处房屋，请选择为哪一户开具");
  return links.front();
}

std::vector<Tier> tiers_field(JsonObject& body) {
  const Json* given = body.optional_any("gate_tiers");
  if (!given) return PassRequest{}.tiers;
  return read_array(*given, "gate_tiers", "通行门岗应为数组", [](const Json& element, const std::string& field) {
    auto tier = element.is_string() ? parse_code(kTiers, element.get<std::string>()) : std::nullopt;
    if (!tier) fail_invalid(field, "门岗层级应为 main（大门）或 middle（中门）");
    return *tier;
  });
}

Response issue_pass_route(Context& context) {
  JsonObject body(context.json_body());
  auto part_id = http::optional_body_id(context, body, "part_id");
  PassRequest request;
  request.visitor_name = people::normalise_name(body.text("visitor_name"));
  request.visitor_phone = body.text("visitor_phone");
  if (body.has("valid_hours")) {
    std::int64_t hours = body.integer("valid_hours");
    request.valid_hours = hours < 1 || hours > kMaxValidHours ? 0 : static_cast<int>(hours);
  }
  request.uses = code_field(body, "uses", parser_of(kPassUses), "使用次数应为 once（一次）或 many（有效期内多次）");
  request.tiers = tiers_field(body);
  body.finish();
  check_pass_request(request);
  std::string phone = normalise_phone(request.visitor_phone);
  TimePoint now = context.services.clock.now();
  SigningKey key = signing_key_of(context);
  NewPass pass{.issued_by = context.user().user_id,
               .name_enc = context.services.data_key.encrypt(request.visitor_name),
               .name_masked = mask_name(request.visitor_name),
               .phone_enc = context.services.data_key.encrypt(phone),
               .phone_masked = mask_phone(phone),
               .uses = request.uses,
               .tiers = request.tiers,
               .expires_at = iso_utc(now + std::chrono::hours(request.valid_hours))};
  Json created = context.write([&](store::Tx& tx) {
    auto links = households_of(context, tx.connection());
    const auto& household = household_for(links, part_id);
    pass.compound_node_id = household.compound->id;
    pass.part_node_id = household.part.id;
    lock_household(tx, pass.part_node_id);
    auto day_start = *street_day_end(street_date(tx.now())) - std::chrono::hours(24);
    check_daily_limit(passes_issued_since(tx.connection(), pass.part_node_id, iso_utc(day_start)));
    std::int64_t id = insert_pass(tx, pass);
    context.audit(tx, "access.visitor_pass.issue", "access_visitor_pass:" + std::to_string(id),
                  {{"part_id", pass.part_node_id},
                   {"visitor_name", pass.name_masked},
                   {"uses", code_of(kPassUses, pass.uses)},
                   {"gate_tiers", tiers_json(pass.tiers)},
                   {"expires_at", pass.expires_at}});
    return pass_json(*find_pass(tx.connection(), id), tx.now(), &key);
  });
  return Response::json(201, created);
}

Response my_passes_route(Context& context) {
  TimePoint now = context.services.clock.now();
  std::vector<VisitorPass> passes;
  {
    auto lease = context.read();
    passes = passes_of_parts(*lease, part_ids_of(households_of(context, *lease)), 100);
  }
  SigningKey key = signing_key_of(context);
  Json items = Json::array();
  for (const auto& pass : passes) items.push_back(pass_json(pass, now, &key));
  Response response = Response::json(200, {{"items", items}});
  response.header("Cache-Control", "no-store");
  return response;
}

Response revoke_pass_route(Context& context) {
  std::int64_t id = context.path_id("id");
  if (!context.request.body.empty()) JsonObject(context.json_body()).finish();
  Json revoked = context.write([&](store::Tx& tx) {
    auto parts = part_ids_of(households_of(context, tx.connection()));
    auto pass = find_pass(tx.connection(), id);
    // Another household's pass is as missing as one that never was.
    if (!pass || std::find(parts.begin(), parts.end(), pass->part_node_id) == parts.end()) fail_not_found(kNoPass);
    check_pass_revoke(state_of(*pass, tx.now()));
    revoke_pass(tx, id, iso_utc(tx.now()));
    context.audit(tx, "access.visitor_pass.revoke", "access_visitor_pass:" + std::to_string(id),
                  {{"part_id", pass->part_node_id}});
    return pass_json(*find_pass(tx.connection(), id), tx.now(), nullptr);
  });
  return Response::json(200, revoked);
}

Response compound_passes_route(Context& context) {
  std::int64_t compound_id = org::queried_compound_id(context);
  auto active = context.query("active");
  if (active && *active != "true" && *active != "false") fail_invalid("active", "active 应为 true 或 false");
  std::int64_t limit = http::page_limit(context, 50, 500);
  auto before = http::page_cursor(context);
  TimePoint now = context.services.clock.now();
  auto lease = context.read();
  org::require_compound(*lease, compound_id);
  std::optional<std::string> active_at;
  if (active == "true") active_at = iso_utc(now);
  auto passes = passes_of_compound(*lease, compound_id, active_at, before, limit);
  Json items = Json::array();
  for (const auto& pass : passes) items.push_back(pass_json(pass, now, nullptr));
  return Response::json(200, http::page_json(items, limit, passes.empty() ? 0 : passes.back().id));
}

// --- The gate's check ---

struct Checked {
  CheckOutcome outcome;
  std::optional<std::int64_t> credential_id;
  std::optional<std::int64_t> pass_id;
  Json subject = nullptr;  // who it was, masked
};

Checked check_credential_code(Context& context, store::Tx& tx, const Gate& gate, const GateNow& at_gate,
                              std::string_view payload) {
  Checked checked;
  auto parsed = parse_qr_payload(payload);
  auto credential = parsed ? find_credential(tx.connection(), parsed->credential_id) : std::nullopt;
  // Another compound's credential is no more known at this gate than a missing one.
  if (!credential || credential->input.compound_node_id != gate.compound_node_id) {
    checked.outcome = {false, parsed ? "找不到该凭证" : "二维码无法识别"};
    return checked;
  }
  bool matches = false;
  if (credential->input.kind == CredentialKind::Qr) {
    auto sealed = secret_of(tx.connection(), credential->id);
    auto secret = sealed ? bytes_from_hex(context.services.data_key.decrypt(*sealed)) : std::nullopt;
    matches = secret && verify_qr(*secret, parsed->code, tx.now());
  }
  checked.credential_id = credential->id;
  checked.subject = {{"kind", "credential"}, {"id", credential->id}, {"name", credential->holder_name}};
  checked.outcome = credential_check(matches, credential->state, credential->input, street_date(tx.now()), at_gate);
  return checked;
}

Checked check_visitor_pass(store::Tx& tx, const SigningKey& key, const Gate& gate, const GateNow& at_gate,
                           std::string_view payload) {
  Checked checked;
  PassCheck token = check_pass(payload, key.verify, gate.compound_node_id, tx.now());
  std::optional<VisitorPass> pass;
  if (token.pass_id) pass = find_pass(tx.connection(), *token.pass_id);
  std::optional<PassState> state;
  if (pass) {
    state = state_of(*pass, tx.now());
    checked.pass_id = pass->id;
    checked.subject = {{"kind", "visitor"}, {"id", pass->id}, {"name", pass->name_masked}};
  }
  checked.outcome = pass_check(token.verdict, state, pass ? pass->tiers : std::vector<Tier>{}, at_gate);
  // The use is claimed in the same statement that checks it is unclaimed: of two gates at once, one passes.
  if (checked.outcome.granted && !use_pass(tx, pass->id, pass->uses, iso_utc(tx.now()))) {
    checked.outcome = {false, kPassUsedReason};
  }
  return checked;
}

Response check_route(Context& context) {
  JsonObject body(context.json_body());
  std::int64_t gate_id = http::body_id(context, body, "gate_id");
  std::string payload = body.text("payload");
  body.finish();
  if (payload.empty() || payload.size() > kLongestPayload) {
    fail_invalid("payload", "通行码应为 1–" + std::to_string(kLongestPayload) + " 个字符");
  }
  PayloadKind kind = payload_kind(payload);
  std::optional<SigningKey> key;
  if (kind == PayloadKind::Pass) key = signing_key_of(context);
  Json answered = context.write([&](store::Tx& tx) {
    Gate gate = require_gate(tx.connection(), gate_id);
    GateNow at_gate{gate.input.tier, gate.input.status == GateStatus::Open && is_open_at(gate.input.hours, tx.now())};
    Checked checked;
    if (kind == PayloadKind::Credential) {
      checked = check_credential_code(context, tx, gate, at_gate, payload);
    } else if (kind == PayloadKind::Pass) {
      checked = check_visitor_pass(tx, *key, gate, at_gate, payload);
    } else {
      checked.outcome = {false, "通行码无法识别"};
    }
    const char* result = checked.outcome.granted ? "granted" : "denied";
    std::int64_t seq = audit::record(tx, context.actor(), "access.check", "access_gate:" + std::to_string(gate.id),
                                     {{"credential_id", or_null(checked.credential_id)},
                                      {"visitor_pass_id", or_null(checked.pass_id)},
                                      {"result", result},
                                      {"reason", checked.outcome.reason}});
    record_checked_passage(tx, {seq, gate.id, gate.compound_node_id, iso_utc(tx.now()), checked.credential_id,
                                checked.pass_id, checked.outcome.granted, checked.outcome.reason});
    return Json{{"result", result}, {"reason", checked.outcome.reason}, {"subject", checked.subject}};
  });
  return Response::json(200, answered);
}

}  // namespace

void add_visitor_routes(http::Router& router) {
  const std::string mine = "/api/v1/me/visitor-passes";
  router.add(Method::Get, "/api/v1/access/visitor-key", Access::signed_in(), key_route);
  router.add(Method::Post, mine, Access::signed_in(), issue_pass_route);
  router.add(Method::Get, mine, Access::signed_in(), my_passes_route);
  router.add(Method::Post, mine + "/{id}/revoke", Access::signed_in(), revoke_pass_route);
  router.add(Method::Get, "/api/v1/access/visitor-passes", Access::permission(kRead, compound_scope()),
             compound_passes_route);
  router.add(Method::Post, "/api/v1/access/checks", Access::permission(kCheck, body_gate_scope(kCheck)), check_route);
}

}  // namespace weizhi::access
