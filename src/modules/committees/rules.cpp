// Committee rules: integer arithmetic for the party share, civil dates for terms.
#include "modules/committees/rules.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>

#include "core/error.hpp"
#include "core/text.hpp"
#include "core/time.hpp"

namespace weizhi::committees {

const std::vector<std::string>& default_duties() {
  static const std::vector<std::string> duties{"宣传贯彻党的路线方针政策和法律法规",
                                               "组织居民制定和执行小区公约",
                                               "协助社区做好小区公共事务管理",
                                               "监督物业服务企业履行服务合同",
                                               "收集居民意见建议并协商解决",
                                               "组织开展小区环境整治和违建治理",
                                               "调解邻里矛盾纠纷",
                                               "协助做好小区安全防范和消防工作",
                                               "组织居民参与志愿服务和文体活动",
                                               "定期向居民公开工作情况并接受监督"};
  return duties;
}

Policy default_policy() {
  Policy policy;
  policy.duties = default_duties();
  return policy;
}

void check_policy(const Policy& policy) {
  if (policy.term_years < 1 || policy.term_years > 10) fail_invalid("term_years", "任期应为 1–10 年");
  if (policy.duties.empty() || policy.duties.size() > 20) fail_invalid("duties", "工作职责应为 1–20 条");
  for (std::size_t i = 0; i < policy.duties.size(); ++i) {
    auto length = characters(policy.duties[i]);
    if (length < 1 || length > 200) fail_invalid("duties[" + std::to_string(i) + "]", "每条职责应为 1–200 个字");
  }
  if (policy.party_share_percent < 0 || policy.party_share_percent > 100) {
    fail_invalid("party_share_percent", "党员比例应为 0–100（百分比）");
  }
  if (policy.publicity_days < 1 || policy.publicity_days > 60) fail_invalid("publicity_days", "公示天数应为 1–60 天");
}

std::optional<std::string> term_end(const std::string& starts_on, std::int64_t years) {
  auto start = parse_date(starts_on);
  if (!start) return std::nullopt;
  auto anniversary = *start + std::chrono::years(years);
  if (!anniversary.ok()) anniversary = anniversary.year() / anniversary.month() / std::chrono::last;
  return date_text(std::chrono::year_month_day{std::chrono::sys_days(anniversary) - std::chrono::days(1)});
}

PartyShare party_share(std::int64_t party_members, std::int64_t members, std::int64_t required_percent) {
  PartyShare share{party_members, members, required_percent, false, 0};
  share.met = members > 0 && 100 * party_members >= required_percent * members;
  if (!share.met) {
    // The smallest p with 100·p ≥ percent·members, at least one when there are no members yet.
    std::int64_t needed = (required_percent * members + 99) / 100;
    share.shortfall = std::max<std::int64_t>(needed - party_members, members == 0 ? 1 : 0);
  }
  return share;
}

void check_position(const std::vector<Member>& current, Position adding) {
  if (adding != Position::Director) return;
  for (const auto& member : current) {
    if (member.position == Position::Director) fail_conflict("该自管会已有主任", "position");
  }
}

}  // namespace weizhi::committees
