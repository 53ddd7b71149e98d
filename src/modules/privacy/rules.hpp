// Pure decisions of the privacy module (docs/rules.md#f-notice-consent, #f-access-correction): who is
// asked to consent, which version may be consented to, what a correction request may ask and how many
// may wait, how staff answer one, whose account its owner may close, and the first version of the notice.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/code_table.hpp"
#include "modules/privacy/model.hpp"

namespace weizhi::privacy {

// A person may have at most this many requests waiting for an answer.
constexpr std::int64_t kMaxOpenCorrections = 5;
// Bytes: a notice's text, a proposed value, a note, a reply.
constexpr std::size_t kMaxNoticeBytes = 30000;
constexpr std::size_t kMaxProposedBytes = 600;
constexpr std::size_t kMaxNoteBytes = 1500;
constexpr std::size_t kMaxReplyBytes = 1500;

// The codes rows and JSON speak (read with code_of, parse_code and parser_of).
constexpr CodeTable<Field> kFields = {{Field::Name, "name"},
                                      {Field::Phone, "phone"},
                                      {Field::IdNumber, "id_number"},
                                      {Field::Home, "home"},
                                      {Field::Other, "other"}};
constexpr CodeTable<Status> kStatuses = {
    {Status::Open, "open"}, {Status::Corrected, "corrected"}, {Status::Rejected, "rejected"}};
// An answer staff give: corrected or rejected (open is no answer).
std::optional<Status> parse_outcome(std::string_view code);

// Whether a person who consented to `consented` (nullopt: never) must be asked for `current`: always
// when they never consented, and again for every newer version. Nothing to ask when no notice exists.
bool needs_consent(std::optional<std::int64_t> current, std::optional<std::int64_t> consented);
// 409 naming `version` unless `given` is the current version: a page left open while a new version
// was published must show the new text first.
void check_consent_version(std::int64_t given, std::optional<std::int64_t> current);

// 400 naming `body` unless the text is filled in and at most kMaxNoticeBytes.
void check_notice_body(const std::string& body);

// The proposed value as the registry would take it: a name trimmed, a phone as its digits, an ID
// number with an upper-case X; 400 naming `proposed` when the registry would refuse it (a name,
// phone or ID number of the wrong shape) or a home or other text is blank or too long.
std::string checked_proposal(Field field, const std::string& proposed);
// The proposal as the person sees it again: masked as the registry masks that field
// (docs/rules.md#f-masked-display); a home or other text as written.
std::string masked_proposal(Field field, const std::string& proposed);
// 400 naming `note` when a note is blank or too long.
void check_note(const std::optional<std::string>& note);
// 409 naming `field` when the person already has kMaxOpenCorrections requests open.
void check_open_limit(std::int64_t open);

// 409 naming `outcome` unless the request is still open; 400 naming `reply` when a rejection gives no
// reason or a reply is too long.
void check_resolution(Status current, Status outcome, const std::optional<std::string>& reply);

// 403 unless every role of the account is `resident`: a resident closes their own account, while staff
// accounts, which others' work depends on, are closed by the street's administrator.
void check_account_closable(const std::vector<std::string>& roles);

// The text of version 1, written when the database is first prepared.
const std::string& first_notice_body();

}  // namespace weizhi::privacy
