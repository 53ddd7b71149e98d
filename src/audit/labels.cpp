// The audit log's one table of names (see labels.hpp). An action missing here still shows, by its
// code; the API tests fail on any action they record that has no name.
#include "audit/labels.hpp"

#include <charconv>
#include <map>

namespace weizhi::audit {

const std::vector<ActionLabel>& action_labels() {
  static const std::vector<ActionLabel> labels{
      // Accounts and the system
      {"session.create", "登录"},
      {"session.delete", "退出登录"},
      {"session.revoke", "退出一台设备"},
      {"session.end_others", "退出其他所有设备"},
      {"session.purge", "清理已过期的登录"},
      {"residents.sms_code.send", "发送登录验证码"},
      {"residents.sms_code.use", "验证码登录"},
      {"residents.invitation.issue", "打印入户邀请函"},
      {"residents.invitation.redeem", "凭邀请函登记手机并登录"},
      {"residents.invitation.request", "凭邀请函申请登记手机"},
      {"residents.invitation.confirm", "确认邀请函登记的手机"},
      {"residents.invitation.refuse", "拒绝邀请函登记的手机"},
      {"user.create", "新建账号"},
      {"user.password.change", "修改密码"},
      {"user.password.reset", "重置密码"},
      {"user.role.assign", "授予角色"},
      {"user.role.end", "结束角色"},
      {"api_token.create", "签发接口令牌"},
      {"role_permissions.sync", "同步角色权限"},
      {"media.photo.upload", "上传照片"},
      {"import.parts", "导入房屋"},
      {"import.people", "导入人员"},
      {"report.monthly", "导出月报"},
      // Registry
      {"org.seed", "载入演示街道"},
      {"org.node.create", "新建组织节点"},
      {"org.node.update", "修改组织节点"},
      {"org.node.move", "移动组织节点"},
      {"org.node.delete", "删除组织节点"},
      {"org.cluster.create", "新建物业片区"},
      {"org.outline.save", "标注小区轮廓"},
      {"org.outline.delete", "删除小区轮廓"},
      {"people.seed", "载入演示人员"},
      {"person.create", "登记人员"},
      {"person.update", "修改人员信息"},
      {"person.unmask", "查看完整个人信息"},
      {"part.link.create", "登记房屋关系"},
      {"part.link.delete", "解除房屋关系"},
      // Governance chain
      {"governance.seed", "载入演示治理架构"},
      {"governance.commissioner.assign", "任命小区专员"},
      {"governance.commissioner.end", "结束小区专员任职"},
      {"governance.compound_party.set", "设置小区党组织"},
      {"governance.grid.create", "新建网格"},
      {"governance.party_org.create", "新建党组织"},
      {"governance.party_org.update", "修改党组织"},
      {"governance.position.set", "设置职务"},
      {"governance.social_org.create", "登记社会组织"},
      // Notifications
      {"notifications.webhook.update", "设置群机器人"},
      {"notifications.delivery.retry", "重发群消息"},
      // Votes
      {"voting.seed", "载入演示表决"},
      {"vote.create", "新建表决"},
      {"vote.update", "修改表决"},
      {"vote.open", "开始表决"},
      {"vote.close", "结束表决"},
      {"vote.extend", "延长表决"},
      {"vote.publish", "公布表决结果"},
      {"vote.ballot.online", "线上投票"},
      {"vote.ballot.meeting", "会议现场投票"},
      {"vote.paper.enter", "录入纸质表决票"},
      {"vote.paper.settle", "裁定纸质表决票"},
      {"vote.remind", "提醒未投票业主"},
      {"vote.proxy.record", "登记委托投票"},
      {"vote.proxy.name", "业主线上委托投票"},
      {"vote.proxy.withdraw", "业主撤销线上委托"},
      {"vote.identity_check", "表决实名核验"},
      {"voting.policy.update", "修改表决实名核验规则"},
      // Committees and elections
      {"committee.create", "新建自管会"},
      {"committee.policy.update", "修改自管会规则"},
      {"committee.member.add", "增补自管会成员"},
      {"committee.member.leave", "自管会成员离任"},
      {"committee.alternate.add", "登记候补成员"},
      {"elections.seed", "载入演示选举"},
      {"election.create", "新建选举"},
      {"election.step.open", "开始选举步骤"},
      {"election.step.sign_off", "签认选举步骤"},
      {"election.visit.add", "登记入户走访"},
      {"election.candidate.add", "登记候选人"},
      {"election.candidate.vet", "审查候选人"},
      {"election.complaint.add", "登记选举异议"},
      {"election.complaint.answer", "答复选举异议"},
      {"election.ballot_token.issue", "发放选票凭证"},
      {"election.paper.enter", "录入纸质选票"},
      {"election.paper.account", "清点纸质选票"},
      {"election.paper.settle", "裁定纸质选票"},
      {"election.count", "计票"},
      {"election.lot", "抽签"},
      // Covenant
      {"covenant.seed", "载入演示规约"},
      {"covenant.create", "起草管理规约"},
      {"covenant.adopt", "通过管理规约"},
      {"covenant.acknowledge", "签署管理规约"},
      {"covenant.policy.update", "修改规约规则"},
      {"covenant.violation.report", "登记违约"},
      {"covenant.violation.notify", "发出整改通知"},
      {"covenant.violation.rectifying", "违约整改中"},
      {"covenant.violation.inspect", "复查违约整改"},
      {"covenant.violation.remove", "违约已拆除"},
      {"covenant.violation.close", "关闭违约"},
      {"covenant.violation.escalate", "违约逾期升级"},
      // Deliberation
      {"deliberation.seed", "载入演示议事"},
      {"deliberation.topic.create", "提出议题"},
      {"deliberation.topic.advance", "议题进入下一步"},
      {"deliberation.topic.return_to_drafting", "议题退回拟定方案"},
      {"deliberation.comment.create", "发表意见"},
      {"deliberation.comment.hide", "隐藏意见"},
      {"deliberation.meeting.create", "登记协商会议"},
      {"deliberation.plan.create", "拟定方案"},
      {"deliberation.vote.create", "发起议题表决"},
      {"deliberation.resolution.publish", "公布决议"},
      {"deliberation.action.create", "新建落实事项"},
      {"deliberation.action.done", "落实事项完成"},
      // Elevators
      {"elevators.seed", "载入演示加装电梯"},
      {"elevators.policy.update", "修改加装电梯规则"},
      {"elevators.project.create", "新建加装电梯项目"},
      {"elevators.project.advance", "加装电梯进入下一阶段"},
      {"elevators.group.update", "修改加装电梯业主组"},
      {"elevators.cost.update", "修改费用分摊"},
      {"elevators.consent_vote.create", "发起加装电梯意见征询"},
      {"elevators.publicity.start", "开始公示"},
      {"elevators.mediation.create", "发起加装电梯调解"},
      {"elevators.contract.update", "登记维保合同"},
      // Service cases
      {"cases.seed", "载入演示服务事项"},
      {"cases.item.create", "新增服务项目"},
      {"cases.item.update", "修改服务项目"},
      {"cases.create", "登记服务事项"},
      {"cases.transition", "服务事项流转"},
      {"cases.bulk_assign", "批量分派服务事项"},
      {"cases.note", "添加工作记录"},
      {"cases.rate", "居民评价"},
      {"cases.revisit", "服务事项回访"},
      {"cases.escalate", "服务事项逾期升级"},
      {"cases.pre_tasks", "生成事前任务"},
      {"cases.classify", "服务事项归类"},
      {"cases.category.create", "新增居民报事类别"},
      {"cases.category.update", "修改居民报事类别"},
      {"open311.request.create", "接收 Open311 报事"},
      // Mediation
      {"mediation.seed", "载入演示调解"},
      {"mediation.create", "登记矛盾纠纷"},
      {"mediation.update", "修改矛盾纠纷"},
      {"mediation.session", "登记调解"},
      {"mediation.transition", "调解流转"},
      {"mediation.follow_up", "登记回访"},
      // Events with sign-ups
      {"engagement.seed", "载入演示活动与场地"},
      {"engagement.venue.create", "新增活动场地"},
      {"engagement.event.create", "发布活动"},
      {"engagement.event.update", "修改活动"},
      {"engagement.signup.create", "活动报名"},
      {"engagement.signup.cancel", "取消活动报名"},
      {"engagement.check_in", "活动签到"},
      {"engagement.event.cancel", "取消活动"},
      {"engagement.talent.save", "登记能人"},
      {"engagement.partner.create", "新增共建单位"},
      {"engagement.partner.update", "修改共建单位"},
      {"engagement.partner.contact.add", "新增共建单位联系人"},
      {"engagement.partner.agreement.add", "新增共建协议"},
      {"engagement.partner.resource.add", "新增共建资源"},
      {"engagement.survey.create", "起草民意调查"},
      {"engagement.survey.update", "修改民意调查"},
      {"engagement.survey.open", "发布民意调查"},
      {"engagement.survey.close", "结束民意调查"},
      {"engagement.survey.respond", "调查作答"},
      {"engagement.notice.create", "发布通知公示"},
      {"engagement.notice.update", "修改通知公示"},
      {"engagement.notice.withdraw", "撤回通知公示"},
      // Privacy
      {"privacy.notice.publish", "发布个人信息保护说明"},
      {"privacy.consent", "同意个人信息保护说明"},
      {"privacy.correction.create", "申请更正个人信息"},
      {"privacy.corrections.read", "查看信息更正申请"},
      {"privacy.correction.resolve", "答复信息更正申请"},
      {"privacy.account.close", "注销居民账号"},
      // Property service
      {"property.seed", "载入演示物业企业、片区与合同"},
      {"property.company.create", "登记物业企业"},
      {"property.company.update", "修改物业企业"},
      {"property.company.staff.link", "关联物业企业员工"},
      {"property.company.staff.unlink", "解除物业企业员工关联"},
      {"property.cluster.operator.start", "片区组团运营企业进场"},
      {"property.cluster.operator.end", "片区组团运营企业退出"},
      {"property.cluster.community.move", "调整社区所属片区组团"},
      {"property.contract.create", "起草物业服务合同"},
      {"property.contract.update", "修改物业服务合同"},
      {"property.contract.adopt", "物业服务合同生效"},
      {"property.contract.end", "解除物业服务合同"},
      {"property.task.create", "登记事务性工作"},
      {"property.task.move", "移交事务性工作"},
      // Property money
      {"property.ledger.seed", "载入演示社区台账"},
      {"property.funding_line.create", "新增条线经费"},
      {"property.funding_payment.create", "登记条线经费拨付"},
      {"property.revenue.create", "登记自营收入"},
      {"property.cost.create", "登记社区支出"},
      {"property.funding_payment.void", "作废条线经费拨付"},
      {"property.revenue.void", "作废自营收入"},
      {"property.cost.void", "作废社区支出"},
      // The monthly evaluation
      {"property.evaluation.seed", "载入演示月度考核"},
      {"property.evaluation.template.create", "新增考核指标表版本"},
      {"property.evaluation.policy.update", "修改月度考核规则"},
      {"property.evaluation.contract_policy.update", "设置合同的月度考核规则"},
      {"property.evaluation.contract_policy.remove", "合同改用街道的月度考核规则"},
      {"property.evaluation.sheet.create", "提交月度考核表"},
      {"property.evaluation.sheet.update", "修改月度考核表"},
      {"property.evaluation.veto.create", "记录一票否决"},
      {"property.evaluation.close", "月度考核结账并公示"},
      {"property.evaluation.reopen", "重开月度考核"},
      {"property.evaluation.review.close", "结束物业合同复核"},
      {"property.evaluation.remind", "提醒填写月度考核表"},
      // Access: gates and credentials
      {"access.seed", "载入演示门岗与门禁凭证"},
      {"access.gate.create", "新增门岗"},
      {"access.gate.update", "修改门岗"},
      {"access.gate.roster", "修改大门保安排班"},
      {"access.credential.issue", "发放门禁凭证"},
      {"access.credential.suspend", "暂停门禁凭证"},
      {"access.credential.restore", "恢复门禁凭证"},
      {"access.credential.revoke", "注销门禁凭证"},
      // Access: terminals
      {"access.device.create", "新增门禁设备"},
      {"access.device.update", "修改门禁设备"},
      {"access.device.delete", "删除门禁设备"},
      {"access.device.sync", "同步门禁设备"},
      {"access.events.purge", "清除过期通行记录"},
      {"access.visitor_pass.issue", "开具访客通行证"},
      {"access.visitor_pass.revoke", "作废访客通行证"},
      {"access.check", "门岗核验通行码"},
      // Epidemic mode: observation points
      {"epidemic.seed", "载入演示观察点"},
      {"epidemic.observation.declare", "设立居家隔离医学观察点"},
      {"epidemic.observation.start", "观察点开始，暂停住户门禁"},
      {"epidemic.observation.change", "调整观察点结束日期"},
      {"epidemic.observation.lift", "解除观察点，恢复住户门禁"},
      {"epidemic.observation.end", "观察点到期，恢复住户门禁"},
      {"epidemic.check_in.record", "居家观察健康打卡"},
      {"epidemic.check_in.replace", "居家观察健康打卡（当日重报）"},
      {"epidemic.help_request.create", "居家观察住户求助"},
      {"epidemic.care.purge", "清除到期的居家观察健康记录"},
      {"epidemic.policy.update", "设置居家观察打卡截止时间"},
  };
  return labels;
}

std::optional<std::string_view> action_label(std::string_view action) {
  for (const auto& entry : action_labels()) {
    if (entry.action == action) return entry.label;
  }
  return std::nullopt;
}

namespace {

struct EntityKind {
  std::string_view kind;
  std::string_view label;
  std::string_view record_link;  // "<id>" stands for the record's id
  std::string_view list_link;    // for the whole area, or a record without a page of its own
};

constexpr EntityKind kEntityKinds[] = {
    {"user", "账号", "", "/users"},
    {"secret", "密钥", "", ""},
    {"phone", "手机号", "", ""},
    {"org_node", "组织节点", "/org/nodes/<id>", ""},
    {"node", "组织节点", "/org/nodes/<id>", ""},
    {"street", "街道", "", "/"},
    {"property_cluster", "物业片区", "/org/nodes/<id>", ""},
    {"people", "人员", "", "/people"},
    {"person", "人员", "/people/<id>", "/people"},
    {"part_link", "房屋关系", "", "/people"},
    {"photo", "照片", "", ""},
    {"commissioner_assignment", "小区专员任职", "", "/commissioners"},
    {"party_org", "党组织", "", ""},
    {"grid", "网格", "", ""},
    {"social_org", "社会组织", "", ""},
    {"notification_delivery", "群消息", "", "/notifications/robots"},
    {"voting", "表决", "", "/votes"},
    {"vote", "表决", "/votes/<id>", "/votes"},
    {"committee", "自管会", "/committees/<id>", "/committees"},
    {"election", "选举", "/elections/<id>", "/elections"},
    {"covenant", "管理规约", "", "/covenant"},
    {"covenant_violation", "违约", "/covenant/violations/<id>", "/covenant/violations"},
    {"deliberation", "议事", "", "/deliberation"},
    {"topic", "议题", "/deliberation/topics/<id>", "/deliberation"},
    {"topic_action", "落实事项", "", "/deliberation"},
    {"topic_comment", "议题意见", "", "/deliberation"},
    {"elevator_project", "加装电梯项目", "/elevators/projects/<id>", "/elevators"},
    {"cases", "服务事项", "", "/cases"},
    {"case", "服务事项", "/cases/<id>", "/cases"},
    {"case_item", "服务项目", "", "/case-items"},
    {"case_category", "居民报事类别", "", "/case-items"},
    {"mediations", "矛盾纠纷", "", "/mediations"},
    {"mediation", "矛盾纠纷", "/mediations/<id>", "/mediations"},
    {"events", "活动预约", "", "/engagement/events"},
    {"event", "活动", "/engagement/events/<id>", "/engagement/events"},
    {"venue", "活动场地", "", "/engagement/venues"},
    {"partners", "共建单位", "", "/engagement/partners"},
    {"partner", "共建单位", "/engagement/partners/<id>", "/engagement/partners"},
    {"survey", "民意调查", "/engagement/surveys/<id>", "/engagement/surveys"},
    {"privacy_notice", "个人信息保护说明", "", "/privacy/notice"},
    {"privacy_correction", "信息更正申请", "", "/privacy/corrections"},
    {"property", "物业服务", "", "/property"},
    {"property_company", "物业企业", "/property/companies/<id>", "/property/companies"},
    {"property_contract", "物业服务合同", "/property/contracts/<id>", "/property/contracts"},
    {"property_task", "事务性工作", "", "/property/tasks"},
    {"property_funding_line", "条线经费", "", "/property/ledger"},
    {"property_revenue", "自营收入", "", "/property/ledger"},
    {"property_cost", "社区支出", "", "/property/ledger"},
    {"property_evaluation_review", "物业合同复核", "", "/property/reviews"},
    {"role_permissions", "角色权限", "", ""},
};

std::optional<std::int64_t> parse_id(std::string_view text) {
  std::int64_t id = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (error != std::errc() || end != text.data() + text.size() || id <= 0) return std::nullopt;
  return id;
}

std::string with_id(std::string_view pattern, std::int64_t id) {
  std::string link(pattern);
  link.replace(link.find("<id>"), 4, std::to_string(id));
  return link;
}

}  // namespace

EntityRef read_entity(std::string_view entity) {
  std::size_t colon = entity.find(':');
  EntityRef ref;
  ref.kind = std::string(entity.substr(0, colon));
  if (colon != std::string_view::npos) ref.id = parse_id(entity.substr(colon + 1));
  ref.kind_label = ref.kind;
  for (const auto& known : kEntityKinds) {
    if (known.kind != ref.kind) continue;
    ref.kind_label = known.label;
    ref.link =
        ref.id && !known.record_link.empty() ? with_id(known.record_link, *ref.id) : std::string(known.list_link);
    break;
  }
  return ref;
}

std::string field_label(std::string_view key) {
  static const std::map<std::string_view, std::string_view> labels{
      {"id", "编号"},
      {"name", "名称"},
      {"title", "标题"},
      {"kind", "类别"},
      {"code", "编码"},
      {"state", "状态"},
      {"from", "原状态"},
      {"to", "新状态"},
      {"note", "说明"},
      {"reason", "原因"},
      {"outcome", "结果"},
      {"result", "结果"},
      {"login", "登录名"},
      {"display_name", "姓名"},
      {"role", "角色"},
      {"roles", "角色"},
      {"scope", "范围"},
      {"node_id", "组织节点"},
      {"node", "组织节点"},
      {"parent_id", "上级节点"},
      {"from_parent_id", "原上级节点"},
      {"to_parent_id", "新上级节点"},
      {"compound", "小区"},
      {"compound_id", "小区"},
      {"community_id", "社区"},
      {"person_id", "人员"},
      {"user_id", "账号"},
      {"assignee_user_id", "承办人"},
      {"part_id", "房屋"},
      {"relation", "关系"},
      {"vote_id", "表决"},
      {"matter", "表决事项"},
      {"channel", "渠道"},
      {"choices", "选择"},
      {"voter_id", "投票人"},
      {"receipt_code", "回执码"},
      {"opens_at", "开始时间"},
      {"closes_at", "截止时间"},
      {"until", "延长至"},
      {"round", "轮次"},
      {"step", "步骤"},
      {"candidate_id", "候选人"},
      {"seats", "席位"},
      {"position", "职务"},
      {"level", "层级"},
      {"period", "周期"},
      {"recorded", "记录"},
      {"today", "日期"},
      {"month", "月份"},
      {"format", "格式"},
      {"on", "日期"},
      {"reported_on", "登记日期"},
      {"notified_on", "通知日期"},
      {"inspected_on", "复查日期"},
      {"removed_on", "拆除日期"},
      {"closed_on", "关闭日期"},
      {"visited_on", "走访日期"},
      {"held_on", "召开日期"},
      {"signed_on", "签署日期"},
      {"adopted_on", "通过日期"},
      {"starts_on", "开始日期"},
      {"ends_on", "结束日期"},
      {"term_starts_on", "任期开始"},
      {"term_ends_on", "任期结束"},
      {"score", "评分"},
      {"comment", "评价"},
      {"reopened", "重新办理"},
      {"count", "数量"},
      {"total_fen", "金额（分）"},
      {"cost_fen", "费用（分）"},
      {"url", "地址"},
      {"enabled", "启用"},
      {"signed", "加签"},
      {"fields", "字段"},
      {"changed", "改动"},
      {"added", "新增"},
      {"removed", "移除"},
      {"stage", "阶段"},
      {"category", "分类"},
      {"item", "服务项目"},
      {"item_code", "服务项目"},
      {"rows", "行数"},
      {"errors", "错误"},
      {"size_bytes", "大小（字节）"},
      {"content_type", "文件类型"},
      {"service_request_id", "Open311 编号"},
      {"client", "来源地址"},
      {"mediators_tagged", "标记调解员数"},
      {"sessions_ended", "结束的会话数"},
      {"via", "登录方式"},
      {"phone", "手机号"},
      {"account_created", "新建账号"},
      {"roles_added", "新增角色数"},
      {"roles_ended", "结束角色数"},
  };
  auto found = labels.find(key);
  return found == labels.end() ? std::string(key) : std::string(found->second);
}

std::optional<std::string> non_person_actor(std::string_view actor) {
  if (actor == "system") return "系统";
  if (actor == "anonymous") return "未登录访客";
  if (actor.rfind("cli:", 0) == 0) return "命令行（" + std::string(actor.substr(4)) + "）";
  return std::nullopt;
}

}  // namespace weizhi::audit
