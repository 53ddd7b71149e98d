// Pure rules of notices and publicity (see notices_rules.hpp).
#include "modules/engagement/notices_rules.hpp"

#include <algorithm>
#include <chrono>

#include "core/code_table.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "core/time.hpp"
#include "core/tree_path.hpp"

namespace weizhi::engagement {

void check_notice(const NoticeInput& input) {
  if (blank(input.title) || characters(input.title) > kMaxNoticeTitle)
    fail_invalid("title", "标题（title）应为 1 至 60 个字");
  if (blank(input.body) || characters(input.body) > kMaxNoticeBody)
    fail_invalid("body", "正文（body）应为 1 至 5000 个字");
  auto starts = parse_date(input.starts_on);
  if (!starts) fail_invalid("starts_on", "开始日期（starts_on）应为 YYYY-MM-DD");
  auto ends = parse_date(input.ends_on);
  if (!ends) fail_invalid("ends_on", "结束日期（ends_on）应为 YYYY-MM-DD");
  auto days = (std::chrono::sys_days(*ends) - std::chrono::sys_days(*starts)).count() + 1;
  if (days < 1) fail_invalid("ends_on", "结束日期（ends_on）不能早于开始日期");
  if (days > kMaxNoticeDays) fail_invalid("ends_on", "公示期（starts_on 至 ends_on）最长 366 天");
  if (input.attachment_ids.size() > kMaxAttachments) fail_invalid("attachment_ids", "附件（attachment_ids）最多 9 个");
  auto sorted = input.attachment_ids;
  std::sort(sorted.begin(), sorted.end());
  if (std::adjacent_find(sorted.begin(), sorted.end()) != sorted.end())
    fail_invalid("attachment_ids", "附件（attachment_ids）不能重复");
}

void check_starts_from(const std::string& starts_on, const std::string& today) {
  if (starts_on < today) fail_unprocessable("开始日期（starts_on）不能早于今天", "starts_on");
}

NoticeState notice_state(const Notice& notice, const std::string& today) {
  if (notice.withdrawn_at) return NoticeState::Withdrawn;
  if (today < notice.input.starts_on) return NoticeState::Upcoming;
  if (today > notice.input.ends_on) return NoticeState::Ended;
  return NoticeState::Current;
}

bool audience_fits(NoticeAudience audience, bool resident, bool owner, bool staff) {
  switch (audience) {
    case NoticeAudience::Residents:
      return resident || owner;
    case NoticeAudience::Owners:
      return owner;
    case NoticeAudience::Staff:
      return staff;
  }
  return false;
}

bool Reader::fits(const Notice& notice) const {
  const std::string& path = notice.node_path;
  bool resident =
      std::any_of(homes.begin(), homes.end(), [&](const ReaderHome& home) { return path_within(home.path, path); });
  bool owner = std::any_of(homes.begin(), homes.end(),
                           [&](const ReaderHome& home) { return home.owner && path_within(home.path, path); });
  bool staff = std::any_of(staff_scopes.begin(), staff_scopes.end(), [&](const std::string& scope) {
    return path_within(path, scope) || path_within(scope, path);
  });
  return audience_fits(notice.input.audience, resident, owner, staff);
}

void check_editable(NoticeState state) {
  if (state != NoticeState::Upcoming) fail_conflict("通知已开始公示（或已撤回），不能再修改", "state");
}

void check_withdrawable(NoticeState state, const std::string& reason) {
  if (state != NoticeState::Upcoming && state != NoticeState::Current)
    fail_conflict("通知已结束或已撤回，不能撤回", "state");
  if (blank(reason) || characters(reason) > kMaxWithdrawReason)
    fail_invalid("reason", "撤回原因（reason）应为 1 至 200 个字");
}

void check_ackable(bool needs_ack, NoticeState state) {
  if (!needs_ack) fail_conflict("该通知无需确认", "needs_ack");
  if (state != NoticeState::Current) fail_conflict("该通知不在公示期内", "state");
}

}  // namespace weizhi::engagement
