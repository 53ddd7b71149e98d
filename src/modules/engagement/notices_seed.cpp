// The notices of the demo street (the demo size only: API tests start from none): in 德胜新村 a current notice
// every household is asked to acknowledge, read and acknowledged by some of them already (the demo resident
// not yet); on 德胜社区 a current publicity item for every resident; and next week's notice to the staff.
// Deterministic: who read follows the household's order.
#include <chrono>

#include "core/time.hpp"
#include "modules/engagement/module.hpp"
#include "modules/engagement/notices_rules.hpp"
#include "modules/engagement/notices_store.hpp"
#include "modules/engagement/surveys_store.hpp"
#include "modules/people/people.hpp"

namespace weizhi::engagement {

namespace {

std::string day(TimePoint now, std::int64_t days) { return street_date(now + std::chrono::days(days)); }

}  // namespace

void seed_notices(modules::SeedContext& seed) {
  if (seed.size != modules::SeedSize::Demo) return;
  store::Tx& tx = seed.tx;
  TimePoint now = tx.now();
  std::int64_t secretary = modules::demo_user_id(tx, "secretary");
  std::int64_t compound = seed.node("desheng-xincun");

  NoticeInput water{.node_id = compound,
                    .title = "关于德胜新村二次供水设施改造停水的通知",
                    .body =
                        "因二次供水设施改造，小区将于本周六 8:00–18:00 分楼幢停水。请各户提前储水，关好水龙头；"
                        "施工期间如有问题请联系小区物业服务中心。请阅读后点击“确认已阅”，便于楼道长掌握情况。",
                    .kind = NoticeKind::Notice,
                    .audience = NoticeAudience::Residents,
                    .starts_on = day(now, -2),
                    .ends_on = day(now, 5),
                    .needs_ack = true};
  std::int64_t water_id = insert_notice(tx, water, secretary);

  // Every third household has read it, and every other of those acknowledged too; the demo resident has not.
  auto resident_person = people::person_of_user(tx.connection(), modules::demo_user_id(tx, "resident"));
  std::string compound_path = *people::node_path(tx.connection(), compound);
  auto households = households_under(tx.connection(), compound_path, 600);
  for (std::size_t i = 0; i < households.size(); i += 3) {
    auto links = people::links_of_part(tx.connection(), households[i].id);
    if (links.empty() || links.front().person_id == resident_person) continue;
    ReceiptHolder holder{links.front().person_id, std::nullopt};
    if (i % 2 == 0)
      record_ack(tx, water_id, holder);
    else
      record_read(tx, water_id, holder);
  }

  insert_notice(tx,
                {.node_id = seed.node("desheng"),
                 .title = "德胜社区“百姓圆桌会”议事成员名单公示",
                 .body = "经各小区推荐、社区党委审核，拟确定以下居民为本届“百姓圆桌会”议事成员，现予公示。"
                         "公示期内如有异议，请向社区居委会书面反映。",
                 .kind = NoticeKind::Publicity,
                 .audience = NoticeAudience::Residents,
                 .starts_on = day(now, -1),
                 .ends_on = day(now, 8)},
                secretary);
  insert_notice(tx,
                {.node_id = seed.node("desheng"),
                 .title = "下周网格工作例会安排",
                 .body = "下周一 14:00 在社区二楼会议室召开网格工作例会，请各网格员带好本月走访记录。",
                 .kind = NoticeKind::Notice,
                 .audience = NoticeAudience::Staff,
                 .starts_on = day(now, 3),
                 .ends_on = day(now, 10)},
                secretary);
}

}  // namespace weizhi::engagement
