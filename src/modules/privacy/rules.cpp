// Pure decisions of the privacy module (see rules.hpp).
#include "modules/privacy/rules.hpp"

#include <algorithm>

#include "core/code_table.hpp"
#include "core/error.hpp"
#include "core/masking.hpp"
#include "core/text.hpp"
#include "modules/people/people.hpp"

namespace weizhi::privacy {

namespace {

// The registry's own check of a field, so that a request asks only for what staff can type in.
std::optional<std::string> registry_problem(Field field, const std::string& proposed) {
  switch (field) {
    case Field::Name:
      return people::name_problem(proposed);
    case Field::Phone:
      return people::phone_problem(proposed);
    case Field::IdNumber:
      return people::id_number_problem(proposed);
    case Field::Home:
    case Field::Other:
      break;
  }
  return std::nullopt;
}

}  // namespace

std::optional<Status> parse_outcome(std::string_view code) {
  auto status = parse_code(kStatuses, code);
  if (status == Status::Open) return std::nullopt;
  return status;
}

bool needs_consent(std::optional<std::int64_t> current, std::optional<std::int64_t> consented) {
  if (!current) return false;
  return !consented || *consented < *current;
}

void check_consent_version(std::int64_t given, std::optional<std::int64_t> current) {
  if (!current || given != *current) {
    fail_conflict("个人信息保护说明已更新，请阅读最新版本后再同意", "version");
  }
}

void check_notice_body(const std::string& body) {
  check_text(body, kMaxNoticeBytes, "body", "说明正文不能为空，且不超过 10000 字");
}

std::string checked_proposal(Field field, const std::string& proposed) {
  check_text(proposed, kMaxProposedBytes, "proposed", "更正后的内容不能为空，且不超过 200 字");
  if (auto problem = registry_problem(field, proposed)) fail_invalid("proposed", *problem);
  switch (field) {
    case Field::Name:
      return people::normalise_name(proposed);
    case Field::Phone:
      return normalise_phone(proposed);
    case Field::IdNumber:
      return people::normalise_id_number(proposed);
    case Field::Home:
    case Field::Other:
      break;
  }
  return proposed;
}

std::string masked_proposal(Field field, const std::string& proposed) {
  switch (field) {
    case Field::Name:
      return mask_name(proposed);
    case Field::Phone:
      return mask_phone(proposed);
    case Field::IdNumber:
      return mask_id_number(proposed);
    case Field::Home:
    case Field::Other:
      break;
  }
  return proposed;
}

void check_note(const std::optional<std::string>& note) {
  if (note) check_text(*note, kMaxNoteBytes, "note", "说明不能为空白，且不超过 500 字");
}

void check_open_limit(std::int64_t open) {
  if (open >= kMaxOpenCorrections) {
    fail_conflict("您已有 " + std::to_string(kMaxOpenCorrections) + " 条更正申请正在处理，请等待答复后再提交", "field");
  }
}

void check_resolution(Status current, Status outcome, const std::optional<std::string>& reply) {
  if (current != Status::Open) fail_conflict("该申请已答复，不能再次处理", "outcome");
  if (reply) check_text(*reply, kMaxReplyBytes, "reply", "答复不能为空白，且不超过 500 字");
  if (outcome == Status::Rejected && !reply) fail_invalid("reply", "不予更正时须写明理由");
}

void check_account_closable(const std::vector<std::string>& roles) {
  bool resident_only =
      std::all_of(roles.begin(), roles.end(), [](const std::string& role) { return role == "resident"; });
  if (!resident_only) fail_forbidden("工作人员账号请联系街道管理员注销");
}

const std::string& first_notice_body() {
  static const std::string body =
      "《微治个人信息保护说明》\n"
      "\n"
      "微治是街道、社区和小区用于老旧小区治理的平台。我们依照《中华人民共和国个人信息保护法》处理您的个人信息，"
      "本说明告诉您：我们持有哪些信息、为什么持有、保存多久、谁能看到，以及您享有的权利。\n"
      "\n"
      "一、我们持有的信息\n"
      "1. 姓名、手机号、身份证号（加密保存，仅保存社区登记时提供的内容）；\n"
      "2. 房屋与居住信息：您在小区中的房屋，以及您是业主、租户还是同住人；出生年份、是否党员（如登记）；\n"
      "3. 投票与参与记录：您在业主共同决定中的投票（记名表决，含渠道、时间和选择）、"
      "自管会选举中是否已投票（选票内容保密，不与您关联）、您提交的报事报修、议事评论和更正申请；\n"
      "4. 账号信息：登录的设备和时间。\n"
      "\n"
      "二、为什么持有\n"
      "核实您的业主或居民身份，组织业主共同决定和自管会选举（计算专有部分面积和人数），"
      "处理您的报事报修，向您发送与您相关的通知。不用于上述目的以外的用途，不向商业机构提供。\n"
      "\n"
      "三、保存多久\n"
      "登记信息在您居住或持有房屋期间保存，迁出后按社区档案管理规定保存；投票和选举的记录随该次表决的档案保存，"
      "以备复核；短信验证码记录两天后删除；登录记录在会话结束后删除。\n"
      "\n"
      "四、谁能看到\n"
      "按角色授权，默认只显示打码后的信息（如 张*明、138****5678）：\n"
      "1. 社区工作者（书记、三方办主任、网格员）可看到本社区居民的打码信息，"
      "确需查看完整信息时须说明理由，并记入审计日志；\n"
      "2. 小区专员可看到本小区居民的打码信息，并负责登记和更正；\n"
      "3. 自管会成员只在组织投票、选举时看到本小区业主的打码姓名；\n"
      "4. 其他居民只能看到您的打码姓名，您作为选举候选人时按规定公示姓名。\n"
      "\n"
      "五、您的权利\n"
      "您有权查阅、复制您的个人信息（「我的」→「我的信息」），有权申请更正不准确的信息（在「我的信息」中提交，"
      "由小区专员或社区工作者处理并答复），有权要求删除不再需要的信息，并可以撤回同意："
      "在「我的信息」中注销账号，即撤回同意，您的账号和登录记录随之删除。"
      "撤回同意后您将不能在线使用本平台，但社区依法需要保存的登记信息仍会保存。\n"
      "\n"
      "六、联系我们\n"
      "如有疑问或要求删除其他信息，请联系您所在社区的居民委员会或街道党群服务中心。\n"
      "\n"
      "本说明更新时，我们会在您下次登录时请您重新阅读并同意。";
  return body;
}

}  // namespace weizhi::privacy
