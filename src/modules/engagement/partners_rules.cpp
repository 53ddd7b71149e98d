// Pure rules of partner units and their resources (see partners_rules.hpp; docs/rules.md#h-partners).
#include "modules/engagement/partners_rules.hpp"

#include <algorithm>

#include "core/code_table.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "core/time.hpp"

namespace weizhi::engagement {

namespace {

bool is_date(const std::string& text) { return parse_date(text).has_value(); }

}  // namespace

void check_partner(const PartnerInput& input) {
  if (blank(input.name) || characters(input.name) > 50) fail_invalid("name", "单位名称应为 1 至 50 个字");
  if (input.alliance && (blank(*input.alliance) || characters(*input.alliance) > 30))
    fail_invalid("alliance", "联盟名称应为 1 至 30 个字");
}

void check_contact(const ContactInput& input) {
  if (blank(input.name) || characters(input.name) > 50) fail_invalid("name", "联系人姓名应为 1 至 50 个字");
  if (characters(input.role) > 30) fail_invalid("role", "职务不超过 30 个字");
}

void check_agreement(const AgreementInput& input) {
  if (blank(input.title) || characters(input.title) > 100) fail_invalid("title", "协议名称应为 1 至 100 个字");
  if (!is_date(input.signed_on)) fail_invalid("signed_on", "签订日期应为 YYYY-MM-DD");
  if (input.valid_to && (!is_date(*input.valid_to) || *input.valid_to < input.signed_on))
    fail_invalid("valid_to", "有效期至应为 YYYY-MM-DD，且不早于签订日期");
  if (characters(input.summary) > 1000) fail_invalid("summary", "协议摘要不超过 1000 个字");
}

void check_resource(const ResourceInput& input) {
  if (blank(input.description) || characters(input.description) > 200)
    fail_invalid("description", "资源说明应为 1 至 200 个字");
  if ((input.kind == ResourceKind::Venue) != input.venue_id.has_value())
    fail_invalid("venue_id", "场地资源须指明场地 venue_id，其他资源不应指明");
  if (input.serves.empty() || input.serves.size() > kMaxServed) fail_invalid("serves", "下沉范围应为 1 至 50 个节点");
  auto sorted = input.serves;
  std::sort(sorted.begin(), sorted.end());
  if (std::adjacent_find(sorted.begin(), sorted.end()) != sorted.end()) fail_invalid("serves", "下沉范围不能重复");
}

}  // namespace weizhi::engagement
