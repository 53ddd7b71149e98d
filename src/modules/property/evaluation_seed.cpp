// The demo street's monthly evaluation (Demo size only): the street's three sheet templates; for the pilot's
// compounds the last two complete months before the seeding day filled by all three parties and closed through the
// same close as the console's, 东四苑 below the floor in both and so on review; and the current month open, the
// committee's sheet still to come.
#include <algorithm>
#include <map>

#include "audit/audit.hpp"
#include "core/time.hpp"
#include "modules/property/evaluation_month.hpp"
#include "modules/property/evaluation_store.hpp"
#include "modules/property/module.hpp"
#include "modules/property/store.hpp"

namespace weizhi::property {

namespace {

// The compound whose company slipped two months running.
constexpr const char* kLowCompound = "c-dongsi";

TemplateItem own(const char* code, const char* name, std::int64_t max) { return {code, name, max, std::nullopt}; }
TemplateItem recorded(const char* code, const char* name, std::int64_t max, ItemSource source) {
  return {code, name, max, source};
}

const std::vector<TemplateItem> kStreetItems = {
    own("cleaning", "环境卫生保洁", 3'000), own("security", "大门秩序维护", 3'000), own("greenery", "绿化养护", 2'000),
    own("facilities", "公共设施维修", 2'000)};
const std::vector<TemplateItem> kCommunityItems = {
    own("cooperation", "配合社区工作", 6'000),
    recorded("cases_on_time", "报事按时办结率", 4'000, ItemSource::CasesOnTime)};
const std::vector<TemplateItem> kCommitteeItems = {
    own("owners", "业主满意程度", 5'000), recorded("rating", "居民评价", 3'000, ItemSource::ResidentRating),
    recorded("violations", "公约违规整改", 2'000, ItemSource::ViolationsOverdue)};

// The party's own items at `percent` of their max; the system items as the records give them.
std::vector<SheetItem> scored(const std::vector<TemplateItem>& items, std::int64_t percent,
                              const RecordFigures& figures) {
  std::vector<SheetItem> sheet;
  for (const auto& item : items) {
    std::int64_t points = item.source ? system_points(*item.source, figures, item.max) : item.max * percent / 100;
    sheet.push_back({item.code, item.max, points});
  }
  return sheet;
}

}  // namespace

void seed_evaluation_demo(modules::SeedContext& seed) {
  if (seed.size != modules::SeedSize::Demo) return;
  store::Tx& tx = seed.tx;
  std::int64_t street = seed.node("street");
  std::map<Evaluator, std::pair<std::int64_t, const std::vector<TemplateItem>*>> forms;
  for (const auto& [party, items] :
       {std::pair{Evaluator::Street, &kStreetItems}, std::pair{Evaluator::Community, &kCommunityItems},
        std::pair{Evaluator::Committee, &kCommitteeItems}}) {
    forms[party] = {insert_template(tx, street, party, *items, std::nullopt), items};
  }
  std::string current = street_date(tx.now()).substr(0, 7);
  std::string last = previous_month(current);
  std::string before = previous_month(last);
  std::int64_t low_compound = seed.node(kLowCompound);
  std::int64_t closed = 0;
  std::int64_t index = 0;
  for (const char* community : kPilotCommunities) {
    auto node = org::find_node(tx.connection(), seed.node(community));
    for (const auto& contract : contracts_under(tx.connection(), node->path, std::nullopt, ContractState::InForce)) {
      bool low = contract.terms.compound_node_id == low_compound;
      // Scores spread over the pilot: most months between the floor and full, the low compound's under 60.
      std::int64_t percent = low ? 30 + (index % 3) * 2 : 76 + (index * 7) % 20;
      ++index;
      for (const auto& month : {before, last, current}) {
        if (!in_force_during(contract, month)) continue;
        ContractMonth at = month_of_contract(tx.connection(), contract, month);
        RecordFigures figures = record_figures(tx.connection(), at.compound.id, month);
        for (const auto& [party, form] : forms) {
          if (month == current && party == Evaluator::Committee) continue;
          std::int64_t given = party == Evaluator::Street ? percent : std::min<std::int64_t>(100, percent + 4);
          insert_sheet(tx, contract.id, month, party, form.first, scored(*form.second, given, figures), std::nullopt);
        }
        if (month != current && close_month(tx, at, std::nullopt)) ++closed;
      }
    }
  }
  audit::record(tx, "cli:seed", "property.evaluation.seed", "property",
                {{"templates", forms.size()}, {"months_closed", closed}, {"open_month", current}});
}

}  // namespace weizhi::property
