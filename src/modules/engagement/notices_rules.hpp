// Pure rules of notices and publicity (通知 / 公示, docs/rules.md#h-notice-period): the codes, a notice
// checked, its state on a day, whom it is for, and when it may be edited, withdrawn or acknowledged.
// No SQL, no HTTP, no clock: the street's date is passed in (YYYY-MM-DD).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/code_table.hpp"

namespace weizhi::engagement {

// A notice tells (通知); a publicity item puts a decision or a list up for objections (公示).
enum class NoticeKind { Notice, Publicity };
// Residents: everyone registered in a household in scope; owners: only owners; staff: those who work there.
enum class NoticeAudience { Residents, Owners, Staff };
// A notice is upcoming before its first day, current through its last, then ended; withdrawn once
// withdrawn, whatever the day.
enum class NoticeState { Upcoming, Current, Ended, Withdrawn };

struct NoticeInput {
  std::int64_t node_id = 0;
  std::string title;
  std::string body;
  NoticeKind kind = NoticeKind::Notice;
  NoticeAudience audience = NoticeAudience::Residents;
  std::string starts_on;  // YYYY-MM-DD, the first day shown
  std::string ends_on;    // YYYY-MM-DD, the last day shown
  bool needs_ack = false;
  std::vector<std::string> attachment_ids;  // photo ids of the media module
};

struct Notice {
  std::int64_t id = 0;
  NoticeInput input;
  std::string node_name;
  std::string node_path;
  std::optional<std::string> withdrawn_at;
  std::optional<std::string> withdraw_reason;
  std::string created_at;
  std::string updated_at;
};

// Who reads notices: the homes of their person (the paths of the parts they are registered in, and whether as
// owner), the scopes of the staff roles they hold, and the street's date.
struct ReaderHome {
  std::string path;
  bool owner = false;
};
struct Reader {
  std::optional<std::int64_t> person;
  std::vector<ReaderHome> homes;
  std::vector<std::string> staff_scopes;
  std::string today;

  // Whether the notice is for them: its node lies over one of their homes and the audience fits (an owned home
  // for owners), or, for a notice to staff, it lies on the line of one of their scopes (under it or over it).
  bool fits(const Notice& notice) const;
};

// The codes rows and JSON speak (read with code_of, parse_code and parser_of).
constexpr CodeTable<NoticeKind> kNoticeKinds = {{NoticeKind::Notice, "notice"}, {NoticeKind::Publicity, "publicity"}};
constexpr CodeTable<NoticeAudience> kNoticeAudiences = {
    {NoticeAudience::Residents, "residents"}, {NoticeAudience::Owners, "owners"}, {NoticeAudience::Staff, "staff"}};
constexpr CodeTable<NoticeState> kNoticeStates = {{NoticeState::Upcoming, "upcoming"},
                                                  {NoticeState::Current, "current"},
                                                  {NoticeState::Ended, "ended"},
                                                  {NoticeState::Withdrawn, "withdrawn"}};

inline constexpr std::size_t kMaxNoticeTitle = 60;   // characters
inline constexpr std::size_t kMaxNoticeBody = 5000;  // characters
inline constexpr std::size_t kMaxAttachments = 9;
inline constexpr int kMaxNoticeDays = 366;              // the longest period, both ends counted
inline constexpr std::size_t kMaxWithdrawReason = 200;  // characters

// 400 naming the field: title 1–kMaxNoticeTitle and body 1–kMaxNoticeBody characters, starts_on and
// ends_on dates with ends_on not before starts_on and at most kMaxNoticeDays days both counted, at most
// kMaxAttachments distinct attachments.
void check_notice(const NoticeInput& input);
// 422 naming starts_on when a new or edited notice would start before `today`: what was not up cannot
// have been up.
void check_starts_from(const std::string& starts_on, const std::string& today);

NoticeState notice_state(const Notice& notice, const std::string& today);

// Whether a reader fits the audience: residents (any registered household), owners (an owned one), staff.
bool audience_fits(NoticeAudience audience, bool resident, bool owner, bool staff);

// 409 naming state unless the notice is upcoming: once up, its words stay as they were read.
void check_editable(NoticeState state);
// 409 naming state unless upcoming or current; 400 naming reason unless it is 1–kMaxWithdrawReason characters.
void check_withdrawable(NoticeState state, const std::string& reason);
// 409 naming needs_ack when the notice asks no acknowledgement, naming state when it is not current.
void check_ackable(bool needs_ack, NoticeState state);

}  // namespace weizhi::engagement
