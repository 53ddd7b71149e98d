// SQL of the privacy module: the notice's versions with their consent counts, consents, and correction
// requests, whose proposed value and note are sealed with the data key (docs/rules.md#f-encrypted-at-rest).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/crypto.hpp"
#include "modules/privacy/model.hpp"
#include "store/db.hpp"

namespace weizhi::privacy {

// --- The notice ---

// The highest version; nullopt before the first is written.
std::optional<Notice> current_notice(store::Connection& connection);
// Every version, the newest first, each with how many people consented to it.
std::vector<Notice> notices(store::Connection& connection);
// Publishes `body` as the version after the current one; returns its number.
std::int64_t publish_notice(store::Tx& tx, const std::string& body, std::optional<std::int64_t> user_id);
// Writes version 1 when there is no version yet.
void ensure_first_notice(store::Tx& tx);

// --- Consents ---

// The newest version the person consented to.
std::optional<std::int64_t> consented_version(store::Connection& connection, std::int64_t person_id);
// The person's consents, the newest version first.
std::vector<Consent> consents_of(store::Connection& connection, std::int64_t person_id);
// Records the consent; false when the person had consented to that version already.
bool record_consent(store::Tx& tx, std::int64_t person_id, std::int64_t user_id, std::int64_t version);
// Every person linked to an account consents to the current version, for the demo street.
std::int64_t consent_for_linked_accounts(store::Tx& tx);

// Closes the account (PIPL Art. 47): its sessions deleted, its roles ended, the account disabled, renamed
// `closed:<id>` and unlinked from its person, and the person's consents withdrawn, so that a later sign-in
// by phone makes a new account that is asked again. The registry keeps the person. Returns the sessions
// ended.
std::int64_t close_account(store::Tx& tx, std::int64_t user_id, std::int64_t person_id);

// --- Correction requests ---

struct NewCorrection {
  std::int64_t person_id;
  std::int64_t user_id;
  std::int64_t home_node_id;
  Field field;
  std::string proposed;
  std::optional<std::string> note;
};
std::int64_t insert_correction(store::Tx& tx, const crypto::DataKey& key, const NewCorrection& input);
std::optional<Correction> find_correction(store::Connection& connection, const crypto::DataKey& key, std::int64_t id);
std::int64_t open_corrections_of(store::Connection& connection, std::int64_t person_id);
// The person's requests, the newest first.
std::vector<Correction> corrections_of(store::Connection& connection, const crypto::DataKey& key,
                                       std::int64_t person_id);

struct Filter {
  std::optional<Status> status;
  std::optional<std::int64_t> before_id;
  std::int64_t limit = 50;
};
// Requests of people whose home lies under `path`, the newest first.
std::vector<Correction> list_corrections(store::Connection& connection, const crypto::DataKey& key,
                                         const std::string& path, const Filter& filter);

// Open requests under `path` counted per home node, for 今日待办.
struct OpenGroup {
  std::int64_t home_node_id;
  std::string home_name;
  std::int64_t count;
};
std::vector<OpenGroup> open_groups_under(store::Connection& connection, const std::string& path);

// Answers the request; 409 naming `outcome` when someone answered it meanwhile.
// The reply is sealed like the request: it may repeat the value.
void resolve_correction(store::Tx& tx, const crypto::DataKey& key, std::int64_t id, Status outcome,
                        const std::optional<std::string>& reply, std::int64_t user_id);

}  // namespace weizhi::privacy
