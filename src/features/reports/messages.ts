import { registerMessages } from '../../platform/i18n/translate.js';

const situationsZh = [
  '生殖器官或隐私部位遭受或疑似遭受非正常损伤',
  '不满十四周岁的女性遭受或疑似遭受性侵害、怀孕、流产',
  '十四周岁以上女性遭受或疑似遭受性侵害所致怀孕、流产',
  '身体存在多处损伤、严重营养不良、意识不清，存在或疑似存在遭受家庭暴力、欺凌、虐待、殴打或被人麻醉等情形',
  '因自杀、自残、工伤、中毒、被人殴打等非正常原因导致伤残、死亡',
  '被遗弃或长期处于无人照料状态',
  '发现未成年人来源不明、失踪或被拐卖、收买',
  '发现未成年人被组织乞讨',
  '其他严重侵害未成年人身心健康的情形或未成年人正在面临不法侵害危险',
];
const situationsEn = [
  'Abnormal injury to genitals or private parts',
  'Girl under 14 sexually assaulted, pregnant or aborting',
  'Girl 14 or older pregnant or aborting after sexual assault',
  'Multiple injuries, severe malnutrition or unconsciousness suggesting violence, bullying or abuse',
  'Disability or death from suicide, self-harm, poisoning or beating',
  'Abandoned or long without care',
  'Unknown origin, missing or trafficked',
  'Organised begging',
  'Other serious harm or imminent danger',
];
const numbered = (names: string[]) => Object.fromEntries(names.map((name, i) => [`reports.situation.${i + 1}`, name]));

registerMessages({
  'zh-CN': {
    ...numbered(situationsZh),
    'reports.entity': '报告',
    'reports.attachment_entity': '附件',
    'reports.status.received': '待签收',
    'reports.status.acknowledged': '已签收',
    'reports.action.acknowledge': '签收',
    'reports.none': '无',
    'reports.action_not_allowed':
      '本单位收到的报告当前为“$t(reports.status.{{status}})”，不能执行“$t(reports.action.{{action}})”。当前可执行：{{allowed}}。',
    'reports.stale': '报告已有新的办理记录（您看到的是第 {{expected}} 步，当前为第 {{current}} 步）。请刷新后再操作。',
    'reports.child_entity': '儿童档案',
    'reports.channel.hotline': '热线来电',
    'reports.channel.mandated': '强制报告责任人报告',
    'reports.channel.public': '公众举报',
    'reports.channel.staff': '工作人员录入',
    'reports.role.police': '公安机关',
    'reports.role.civil_affairs': '民政部门',
    'reports.role.education': '教育部门',
    'reports.role.township': '乡镇（街道）',
    'reports.role.village': '村（居）委会',
    'reports.role.provider': '牵头服务机构（责任清单）',
    'reports.division_format': '区划代码应为 12 位有效的统计用区划代码，如 421002101201。',
    'reports.phone_format': '电话号码只能包含数字、空格和 + - ( )，3 至 30 位。',
    'reports.situation_required': '请至少选择一种法定报告情形（1–9）。',
    'reports.description_required': '请填写发生了什么。',
    'reports.division_unknown': '发生地点的区划 {{code}} 不存在，请从区划列表中选择。',
    'reports.knew_at_future': '“知悉时间”不能晚于报告时间。',
    'reports.child_required': '请选择已登记的儿童，或描述该儿童（姓名、年龄、外貌、所在位置等）。',
    'reports.attachment_count': '附件过多：共 {{count}} 个，最多 {{max}} 个。',
    'reports.attachment_too_large': '附件“{{name}}”大小为 {{size}} 字节，超过上限 {{max}} 字节。',
    'reports.attachment_type':
      '附件“{{name}}”的内容不是图片（JPEG、PNG、GIF、WebP）或 PDF，已拒收。文件类型按内容判断，不看文件名。',
    'reports.public_location_required': '请告诉我们孩子在哪里（选择所在的乡镇或村、社区），否则无法派人处置。',
    'reports.public_description_required': '请描述发生了什么，否则无法判断情况。',
    'reports.routing.fallback': '此地没有{{role}}机构，报告已沿行政区划向上转送至 {{organisation}}。',
    'reports.routing.missing': '此地及上级区划均没有{{role}}机构，这一方未收到报告。',
    'reports.routing.matrix_gap':
      '本县（市、区）没有牵头提供“{{service}}”的机构（责任清单缺口），报告已转送 {{organisation}}。',
    'reports.routing.matrix_gap_nobody':
      '本县（市、区）没有牵头提供“{{service}}”的机构（责任清单缺口），也找不到民政部门接收：请通知管理员补充机构。',
    'reports.routing.no_police':
      '此地及上级区划均没有公安机关：报告已保存，但没有派送给任何公安机关。已向 {{organisation}} 发出提醒，请立即电话联系当地公安（紧急情况拨打 110）。',
    'reports.routing.no_police_nobody':
      '此地及上级区划均没有公安机关，也没有可提醒的牵头单位或民政部门：报告已保存，请立即电话联系当地公安（紧急情况拨打 110）并通知管理员补充机构。',
  },
  en: {
    ...numbered(situationsEn),
    'reports.entity': 'report',
    'reports.attachment_entity': 'attachment',
    'reports.status.received': 'Awaiting acknowledgement',
    'reports.status.acknowledged': 'Acknowledged',
    'reports.action.acknowledge': 'Acknowledge',
    'reports.none': 'none',
    'reports.action_not_allowed':
      'Your copy of the report is "$t(reports.status.{{status}})"; "$t(reports.action.{{action}})" is not possible. Possible now: {{allowed}}.',
    'reports.stale':
      'The report has moved on (you saw step {{expected}}, it is now at step {{current}}). Reload it and try again.',
    'reports.child_entity': 'child',
    'reports.channel.hotline': 'Hotline call',
    'reports.channel.mandated': 'Mandated reporter',
    'reports.channel.public': 'Public report',
    'reports.channel.staff': 'Staff entry',
    'reports.role.police': 'Police',
    'reports.role.civil_affairs': 'Civil affairs',
    'reports.role.education': 'Education',
    'reports.role.township': 'Township / street',
    'reports.role.village': 'Village / community committee',
    'reports.role.provider': 'Lead provider (responsibility matrix)',
    'reports.division_format': 'A division code has 12 digits and must be a valid statistical code, e.g. 421002101201.',
    'reports.phone_format': 'A phone number may contain digits, spaces and + - ( ), 3 to 30 characters.',
    'reports.situation_required': 'Choose at least one of the statutory situations (1–9).',
    'reports.description_required': 'Describe what happened.',
    'reports.division_unknown': 'The place {{code}} is not a known division; choose it from the list.',
    'reports.knew_at_future': 'The time you learned of it cannot be after the time of the report.',
    'reports.child_required':
      'Choose a registered child, or describe the child (name, age, appearance, where they are).',
    'reports.attachment_count': 'Too many attachments: {{count}}, at most {{max}}.',
    'reports.attachment_too_large': 'Attachment "{{name}}" is {{size}} bytes, over the limit of {{max}} bytes.',
    'reports.attachment_type':
      'Attachment "{{name}}" is not an image (JPEG, PNG, GIF, WebP) or a PDF and was refused. The type is read from the content, not the file name.',
    'reports.public_location_required':
      'Tell us where the child is (choose the township, village or community); without it nobody can be sent.',
    'reports.public_description_required': 'Describe what happened; without it the situation cannot be judged.',
    'reports.routing.fallback':
      'There is no {{role}} organisation for this place; the report went up the division tree to {{organisation}}.',
    'reports.routing.missing':
      'No {{role}} organisation exists for this place or above it; that receiver got no report.',
    'reports.routing.matrix_gap':
      'No organisation leads "{{service}}" in this county (a gap in the responsibility matrix); the report went to {{organisation}}.',
    'reports.routing.matrix_gap_nobody':
      'No organisation leads "{{service}}" in this county (a gap in the responsibility matrix), and no civil affairs bureau was found to receive it; ask an administrator to add the organisations.',
    'reports.routing.no_police':
      'No police organisation exists for this place or above it: the report is saved but went to no police. {{organisation}} has been alerted; phone the local police now (110 in an emergency).',
    'reports.routing.no_police_nobody':
      'No police organisation exists for this place or above it, and no lead agency or civil affairs bureau could be alerted: the report is saved; phone the local police now (110 in an emergency) and ask an administrator to add the organisations.',
  },
});
