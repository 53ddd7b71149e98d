// The street's map (see map.hpp): the registry gives the compounds and their outlines, and the module
// that owns each figure counts it per compound (docs/modules/map.md).
#include "app/map.hpp"

#include <algorithm>
#include <set>

#include "core/code_table.hpp"
#include "http/context.hpp"
#include "http/query_code.hpp"
#include "modules/cases/cases.hpp"
#include "modules/covenant/rules.hpp"
#include "modules/covenant/store.hpp"
#include "modules/org/org.hpp"
#include "modules/org/outline.hpp"
#include "modules/property/property.hpp"
#include "modules/voting/store.hpp"
#include "modules/voting/voting.hpp"

namespace weizhi::app {

namespace {

enum class Figure { OpenCases, OverdueCases, Violations, Turnout, PropertyCluster, PropertyScore };

constexpr CodeTable<Figure> kFigures = {{Figure::OpenCases, "open_cases"},
                                        {Figure::OverdueCases, "overdue_cases"},
                                        {Figure::Violations, "violations"},
                                        {Figure::Turnout, "turnout"},
                                        {Figure::PropertyCluster, "property_cluster"},
                                        {Figure::PropertyScore, "property_score"}};

// num/den with one decimal, rounded down, as the map shows shares and scores.
Json tenths_down(std::int64_t num, std::int64_t den) { return static_cast<double>(num * 10 / den) / 10; }

std::int64_t open_cases(store::Connection& connection, const std::string& path, TimePoint now) {
  std::int64_t open = 0;
  for (int code = 0; code <= static_cast<int>(cases::State::ClosedNotFixed); ++code) {
    auto state = static_cast<cases::State>(code);
    if (cases::state_type(state) != cases::StateType::Open) continue;
    cases::CaseFilter in_state;
    in_state.state = state;
    open += cases::count_cases(connection, path, in_state, now);
  }
  return open;
}

std::int64_t open_violations(store::Connection& connection, const std::string& path) {
  auto violations = covenant::violations_under(connection, path, std::nullopt);
  return std::count_if(violations.begin(), violations.end(),
                       [](const covenant::Violation& violation) { return covenant::is_open(violation.state); });
}

// The share of owners who have cast a ballot in the compound's latest opened vote, in percent with one
// decimal; none before its first vote opens.
Json latest_turnout(store::Connection& connection, const std::string& path) {
  for (const auto& vote : voting::votes_under(connection, path)) {
    if (vote.state == voting::VoteState::Draft) continue;
    auto so_far =
        voting::turnout(*voting::frozen_electorate(connection, vote), voting::voters_with_ballot(connection, vote.id));
    if (so_far.count.den == 0) return nullptr;
    return tenths_down(so_far.count.num * 100, so_far.count.den);
  }
  return nullptr;
}

Json figure_of(Figure figure, store::Connection& connection, const org::CompoundOutline& compound, TimePoint now) {
  const std::string& path = compound.path;
  switch (figure) {
    case Figure::OpenCases:
      return open_cases(connection, path, now);
    case Figure::OverdueCases: {
      cases::CaseFilter overdue;
      overdue.overdue_only = true;
      return cases::count_cases(connection, path, overdue, now);
    }
    case Figure::Violations:
      return open_violations(connection, path);
    case Figure::Turnout:
      return latest_turnout(connection, path);
    case Figure::PropertyCluster:
      return or_null(property::cluster_of_compound(connection, compound.id));
    case Figure::PropertyScore: {
      auto score = property::latest_month_score(connection, compound.id);
      return score ? tenths_down(score->num, score->den) : Json(nullptr);
    }
  }
  return nullptr;
}

http::Response map_route(http::Context& context) {
  auto figure = http::query_code(
      context, "figure", parser_of(kFigures),
      "指标 figure 应为 open_cases、overdue_cases、violations、turnout、property_cluster 或 property_score");
  if (!figure) fail_invalid("figure", "请指定指标 figure");
  TimePoint now = context.services.clock.now();
  auto [lease, node] = org::read_queried_subtree(context);
  Json outlined = Json::array();
  Json without_outline = Json::array();
  std::set<std::int64_t> clusters;
  for (const auto& compound : org::compound_outlines(*lease, node.path)) {
    Json value = figure_of(*figure, *lease, compound, now);
    if (*figure == Figure::PropertyCluster && !value.is_null()) clusters.insert(value.get<std::int64_t>());
    Json item{{"id", compound.id}, {"name", compound.name}, {"value", std::move(value)}};
    if (compound.geometry) {
      item["geometry"] = *compound.geometry;
      outlined.push_back(std::move(item));
    } else {
      without_outline.push_back(std::move(item));
    }
  }
  Json answer{{"node", {{"id", node.id}, {"name", node.name}}},
              {"figure", code_of(kFigures, *figure)},
              {"items", std::move(outlined)},
              {"without_outline", std::move(without_outline)}};
  // The clusters' names and leads, for the legend of a map coloured by cluster.
  if (*figure == Figure::PropertyCluster) {
    Json categories = Json::array();
    for (const auto& cluster : property::cluster_names(*lease, clusters, now)) {
      categories.push_back({{"value", cluster.id}, {"name", cluster.name}, {"lead", or_null(cluster.lead)}});
    }
    answer["categories"] = std::move(categories);
  }
  return http::Response::json(200, answer);
}

}  // namespace

modules::Module map_module() {
  return modules::Module{.name = "map", .routes = [](http::Router& router) {
                           router.add(http::Method::Get, "/api/v1/map",
                                      http::Access::permission("org.read", org::node_query_scope()), map_route);
                         }};
}

}  // namespace weizhi::app
