// Pure rules of partner units (共建单位) and their alliance (运河红盟, docs/rules.md#h-partners): the kinds of
// units and resources, and the checks of a unit, a contact, an agreement and a resource sunk to nodes.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/code_table.hpp"

namespace weizhi::engagement {

enum class UnitKind { Government, StateEnterprise, Enterprise, School, Hospital, SocialOrganisation, Other };
enum class ResourceKind { Venue, Volunteers, Expertise, Funds, Other };

// The codes rows and JSON speak (read with code_of, parse_code and parser_of).
constexpr CodeTable<UnitKind> kUnitKinds = {{UnitKind::Government, "government"},
                                            {UnitKind::StateEnterprise, "state_enterprise"},
                                            {UnitKind::Enterprise, "enterprise"},
                                            {UnitKind::School, "school"},
                                            {UnitKind::Hospital, "hospital"},
                                            {UnitKind::SocialOrganisation, "social_organisation"},
                                            {UnitKind::Other, "other"}};
constexpr CodeTable<ResourceKind> kResourceKinds = {{ResourceKind::Venue, "venue"},
                                                    {ResourceKind::Volunteers, "volunteers"},
                                                    {ResourceKind::Expertise, "expertise"},
                                                    {ResourceKind::Funds, "funds"},
                                                    {ResourceKind::Other, "other"}};

struct PartnerInput {
  std::int64_t street_id = 0;
  std::string name;  // 1–50 characters, once per street
  UnitKind kind = UnitKind::Other;
  std::optional<std::string> alliance;  // the alliance's name, 1–30 characters (运河红盟)
};

struct Partner {
  std::int64_t id = 0;
  PartnerInput input;
  std::string created_at;
  std::string updated_at;
};

struct ContactInput {
  std::string name;  // 1–50 characters; stored sealed
  std::string role;  // 0–30 characters
  std::optional<std::string> phone;
};

struct Contact {
  std::int64_t id = 0;
  std::string name_masked;
  std::string role;
  std::optional<std::string> phone_masked;
};

struct AgreementInput {
  std::string title;                    // 1–100 characters
  std::string signed_on;                // YYYY-MM-DD
  std::optional<std::string> valid_to;  // YYYY-MM-DD, not before signed_on
  std::string summary;                  // at most 1000 characters
};

struct Agreement {
  std::int64_t id = 0;
  AgreementInput input;
};

struct ResourceInput {
  ResourceKind kind = ResourceKind::Other;
  std::string description;               // 1–200 characters
  std::optional<std::int64_t> venue_id;  // exactly for a venue resource
  std::vector<std::int64_t> serves;      // the nodes it is sunk to, 1–50
};

struct Resource {
  std::int64_t id = 0;
  std::int64_t unit_id = 0;
  std::string unit_name;
  ResourceInput input;
  std::optional<std::string> venue_name;
  std::vector<std::pair<std::int64_t, std::string>> served;  // node id and name
};

inline constexpr std::size_t kMaxServed = 50;

// 400 naming the field for each of these.
void check_partner(const PartnerInput& input);
void check_contact(const ContactInput& input);
void check_agreement(const AgreementInput& input);
void check_resource(const ResourceInput& input);

}  // namespace weizhi::engagement
