import { registerMessages } from '../../platform/i18n/translate.js';

const zh = {
  'registry.entity.child': '儿童档案',
  'registry.entity.member': '家庭成员',
  'registry.entity.category': '分类保障记录',
  'registry.entity.timeline': '档案变更记录',
  'registry.sex.male': '男',
  'registry.sex.female': '女',
  'id.length': '身份证号应为 18 位',
  'id.characters': '身份证号前 17 位应为数字，最后一位为数字或 X',
  'id.birth_date': '身份证号中的出生日期不是有效日期',
  'id.check_digit': '身份证号校验位不正确（请逐位核对，或检查是否被表格当作数字截断）',
  'registry.date_format': '日期格式应为 YYYY-MM-DD，如 2015-03-02。',
  'registry.division_format': '区划代码应为 12 位统计用区划代码，如 421002101201。',
  'registry.phone_format': '电话号码只能包含数字、空格和 + - ( )，3 至 30 位。',
  'registry.reason_required': '请填写原因，档案的每一次变更都要说明原因。',
  'registry.id_invalid': '字段 {{field}}：身份证号无效——$t({{problem}})。',
  'registry.member_id_invalid': '字段 {{field}}：家庭成员的身份证号无效——$t({{problem}})。',
  'registry.id_birth_date_mismatch':
    '身份证号中的出生日期是 {{idBirthDate}}，而填写的出生日期是 {{birthDate}}，两者不一致。请核对证件后更正其中之一。',
  'registry.id_sex_mismatch':
    '身份证号显示性别为“$t(registry.sex.{{idSex}})”，而填写的性别是“$t(registry.sex.{{sex}})”，两者不一致。请核对证件后更正其中之一。',
  'registry.birth_date_future': '出生日期 {{birthDate}} 晚于今天（{{today}}），请更正。',
  'registry.too_old': '出生日期为 {{birthDate}}，已年满 {{limit}} 周岁，不属于未成年人，不能登记为困境儿童。',
  'registry.residence_unknown': '字段 {{field}}：区划 {{code}} 不存在或已撤销，请选择一个现行的村（社区）。',
  'registry.residence_not_village':
    '字段 {{field}}：{{name}}（{{code}}）不是村（社区）级区划，现居住地请选到村（社区）。',
  'registry.residence_outside_jurisdiction':
    '字段 {{field}}：区划 {{code}} 不在您的管辖范围内，您只能登记或迁入本辖区居住的儿童。',
  'registry.situation_dates':
    '家庭成员情况“$t(registry.situation.{{kind}})”的开始日期 {{since}} 晚于结束日期 {{until}}，请更正。',
  'registry.duplicate_id_number':
    '身份证号 {{idNumber}} 已登记在档案 {{havenCode}}（{{name}}）中，同一儿童不能重复建档。请打开该档案更新信息。',
  'registry.duplicate_id_number_hidden':
    '身份证号 {{idNumber}} 已登记在其他地区的档案中，同一儿童不能重复建档。请联系上级民政部门核实该儿童的档案归属。',
  'registry.possible_duplicate':
    '发现 {{count}} 份可能是同一儿童的档案，请先核对。{{elsewhereNote}}确认不是同一儿童后，可勾选“确认不是同一儿童”再提交，系统将把这些档案送入重复核查队列。',
  'registry.possible_duplicate_elsewhere':
    '其中 {{count}} 份在您的辖区外，不显示其内容；继续登记将作为合并核查请求，交由能同时看到两份档案的工作人员处理。',
  'registry.not_active': '该档案状态为“$t(registry.status.{{status}})”，不能再修改。',
  'registry.status.active': '在册',
  'registry.status.aged_out': '已年满 18 周岁',
  'registry.status.exited': '已退出',
  'registry.status.merged': '已合并',
  'registry.member_removed': '该家庭成员已于 {{removedAt}} 移除，不能再修改。',
  'registry.family_copies_changed':
    '此人在兄弟姐妹档案中的记录（{{copies}} 份）已被他人修改，本次未保存。请刷新后重新填写。',
  'registry.category_not_proposed':
    '该分类保障记录当前状态为“$t(registry.category_state.{{state}})”，只有“待确认”的建议可以确认或驳回。',
  'registry.category_not_confirmed':
    '该分类保障记录当前状态为“$t(registry.category_state.{{state}})”，只有已确认的记录可以终止。',
  'registry.category_already_open':
    '该儿童已有“$t(registry.category.{{category}})”的待确认建议或已确认记录，请在原记录上处理。',
  'registry.start_date_future': '开始日期 {{startDate}} 晚于今天（{{today}}），请更正。',
  'registry.end_before_start': '终止日期 {{endDate}} 早于开始日期 {{startDate}}，请更正。',
  'registry.restore_not_restorable': '这条记录（{{kind}}）不是对档案内容的修改，不能恢复。',
  'registry.restore_conflict': '不能恢复：此后字段 {{fields}} 又被修改过，恢复会覆盖较新的内容。请直接编辑这些字段。',
  'registry.restore_member_gone': '不能恢复：该家庭成员此后已被移除。请先恢复移除操作。',
  'registry.category_state.proposed': '待确认',
  'registry.category_state.confirmed': '已确认',
  'registry.category_state.rejected': '已驳回',
  'registry.category_state.ended': '已终止',
  'registry.category.poverty': '家庭贫困',
  'registry.category.disability': '自身残疾',
  'registry.category.guardianship_missing': '监护缺失或不当',
  'registry.category.orphan': '孤儿',
  'registry.category.de_facto_unsupported': '事实无人抚养',
  'registry.category.left_behind': '留守儿童',
  'registry.category.street': '流浪儿童',
  'registry.category.juvenile_victim': '受侵害未成年人',
  'registry.category.juvenile_offender': '涉罪未成年人',
  'registry.situation.present': '在家',
  'registry.situation.working_away': '外出务工',
  'registry.situation.deceased': '死亡',
  'registry.situation.missing': '失踪',
  'registry.situation.imprisoned': '服刑或被羁押',
  'registry.situation.drug_rehabilitation': '强制隔离戒毒',
  'registry.situation.severe_illness': '重病',
  'registry.situation.disabled': '残疾',
  'registry.situation.deported': '被遣送出境',
  'registry.situation.out_of_contact': '失联',
  'registry.situation.severe_disability': '重度残疾',
  'registry.situation.no_capacity': '无监护能力',
  'registry.evidence.orphan':
    '父亲：$t(registry.situation.{{father}})（{{fatherSince}}）；母亲：$t(registry.situation.{{mother}})（{{motherSince}}）。',
  'registry.evidence.de_facto_unsupported':
    '父亲：$t(registry.situation.{{father}})（自 {{fatherSince}}）；母亲：$t(registry.situation.{{mother}})（自 {{motherSince}}）。',
  'registry.evidence.left_behind':
    '父亲：$t(registry.situation.{{father}})（自 {{fatherSince}}）；母亲：$t(registry.situation.{{mother}})（自 {{motherSince}}）；未满 16 周岁。',
  'registry.evidence.disability': '持有残疾证，残疾等级 {{grade}} 级。',
  'registry.evidence.poverty': '家庭享受：{{benefits}}。',
  'registry.reason.aged_out': '年满 {{limit}} 周岁',
  'registry.reason.left_behind_age': '年满 {{limit}} 周岁，不再属于留守儿童',
  'registry.reason.proposal_withdrawn': '事实已变化，规则不再支持该建议',
  'registry.handoff.aged_out':
    '该儿童已于 {{date}} 年满 {{limit}} 周岁，档案转为“已年满 18 周岁”。如仍需帮扶，请转介成年人社会救助（低保、特困、残疾人服务等）。',
};

// Typed by the Chinese catalogue: a key missing in English does not compile.
const en: Record<keyof typeof zh, string> = {
  'registry.entity.child': "child's file",
  'registry.entity.member': 'family member',
  'registry.entity.category': 'category membership',
  'registry.entity.timeline': 'history entry',
  'registry.sex.male': 'male',
  'registry.sex.female': 'female',
  'id.length': 'an ID number has 18 characters',
  'id.characters': 'the first 17 characters of an ID number are digits and the last is a digit or X',
  'id.birth_date': 'the birth date inside the ID number is not a real date',
  'id.check_digit':
    'the check character is wrong (compare digit by digit, or check that a spreadsheet did not store it as a number and cut it)',
  'registry.date_format': 'Dates are written YYYY-MM-DD, such as 2015-03-02.',
  'registry.division_format': 'A division code is a 12-digit statistical code, such as 421002101201.',
  'registry.phone_format': 'A phone number has 3 to 30 digits, spaces and + - ( ) only.',
  'registry.reason_required': 'Give a reason: every change to a file says why.',
  'registry.id_invalid': '{{field}}: the ID number is not valid: $t({{problem}}).',
  'registry.member_id_invalid': "{{field}}: the family member's ID number is not valid: $t({{problem}}).",
  'registry.id_birth_date_mismatch':
    'The ID number says the birth date is {{idBirthDate}}, but the birth date entered is {{birthDate}}. Check the document and correct one of them.',
  'registry.id_sex_mismatch':
    'The ID number says the sex is {{idSex}}, but the sex entered is {{sex}}. Check the document and correct one of them.',
  'registry.birth_date_future': 'The birth date {{birthDate}} is after today ({{today}}); correct it.',
  'registry.too_old':
    'Born on {{birthDate}}, this person is {{limit}} or older, an adult, and cannot be registered as a child in difficulty.',
  'registry.residence_unknown':
    '{{field}}: the division {{code}} does not exist or is no longer current; choose a current village or community.',
  'registry.residence_not_village':
    '{{field}}: {{name}} ({{code}}) is not a village or community; choose the village or community where the child lives.',
  'registry.residence_outside_jurisdiction':
    '{{field}}: the division {{code}} is outside your jurisdiction; you register or move in only children living in your area.',
  'registry.situation_dates':
    'The family situation "{{kind}}" starts on {{since}}, after it ends on {{until}}; correct the dates.',
  'registry.duplicate_id_number':
    'The ID number {{idNumber}} is already in file {{havenCode}} ({{name}}); a child has one file. Open that file to update it.',
  'registry.duplicate_id_number_hidden':
    "The ID number {{idNumber}} is already in a file of another area; a child has one file. Ask the civil affairs office above you where the child's file is kept.",
  'registry.possible_duplicate':
    'Found {{count}} file(s) that may be the same child; check them first. {{elsewhereNote}}If this is another child, tick "not the same child" and submit again; the files then go to the duplicate review queue.',
  'registry.possible_duplicate_elsewhere':
    '{{count}} of them lie outside your area and are not shown; registering anyway sends them as a merge request to an officer who sees both files. ',
  'registry.not_active': 'This file is {{status}} and can no longer be changed.',
  'registry.status.active': 'active',
  'registry.status.aged_out': 'aged out (18)',
  'registry.status.exited': 'exited',
  'registry.status.merged': 'merged',
  'registry.member_removed': 'This family member was removed on {{removedAt}} and can no longer be changed.',
  'registry.family_copies_changed':
    "This person's record on the siblings' files ({{copies}}) was changed by someone else meanwhile; nothing was saved. Reload and enter it again.",
  'registry.category_not_proposed':
    'This category membership is {{state}}; only a proposal can be confirmed or rejected.',
  'registry.category_not_confirmed': 'This category membership is {{state}}; only a confirmed membership can be ended.',
  'registry.category_already_open':
    'The child already has an open proposal or confirmed membership of "{{category}}"; work on that one.',
  'registry.start_date_future': 'The start date {{startDate}} is after today ({{today}}); correct it.',
  'registry.end_before_start': 'The end date {{endDate}} is before the start date {{startDate}}; correct it.',
  'registry.restore_not_restorable': 'This entry ({{kind}}) is not a change of the file and cannot be restored.',
  'registry.restore_conflict':
    'Cannot restore: {{fields}} changed again afterwards and restoring would overwrite the newer values. Edit those fields directly.',
  'registry.restore_member_gone':
    'Cannot restore: the family member was removed afterwards. Restore the removal first.',
  'registry.category_state.proposed': 'proposed',
  'registry.category_state.confirmed': 'confirmed',
  'registry.category_state.rejected': 'rejected',
  'registry.category_state.ended': 'ended',
  'registry.category.poverty': 'poverty',
  'registry.category.disability': 'disability',
  'registry.category.guardianship_missing': 'missing or improper guardianship',
  'registry.category.orphan': 'orphan',
  'registry.category.de_facto_unsupported': 'de facto unsupported',
  'registry.category.left_behind': 'left behind',
  'registry.category.street': 'street or wandering',
  'registry.category.juvenile_victim': 'juvenile victim',
  'registry.category.juvenile_offender': 'juvenile involved in an offence',
  'registry.situation.present': 'at home',
  'registry.situation.working_away': 'working away',
  'registry.situation.deceased': 'deceased',
  'registry.situation.missing': 'missing',
  'registry.situation.imprisoned': 'imprisoned or detained',
  'registry.situation.drug_rehabilitation': 'compulsory drug rehabilitation',
  'registry.situation.severe_illness': 'severely ill',
  'registry.situation.disabled': 'disabled',
  'registry.situation.deported': 'deported',
  'registry.situation.out_of_contact': 'out of contact',
  'registry.situation.severe_disability': 'severely disabled',
  'registry.situation.no_capacity': 'unable to be guardian',
  'registry.evidence.orphan':
    'Father: $t(registry.situation.{{father}}) ({{fatherSince}}); mother: $t(registry.situation.{{mother}}) ({{motherSince}}).',
  'registry.evidence.de_facto_unsupported':
    'Father: $t(registry.situation.{{father}}) (since {{fatherSince}}); mother: $t(registry.situation.{{mother}}) (since {{motherSince}}).',
  'registry.evidence.left_behind':
    'Father: $t(registry.situation.{{father}}) (since {{fatherSince}}); mother: $t(registry.situation.{{mother}}) (since {{motherSince}}); under 16.',
  'registry.evidence.disability': 'Holds a disability certificate, grade {{grade}}.',
  'registry.evidence.poverty': 'The household receives: {{benefits}}.',
  'registry.reason.aged_out': 'reached the age of {{limit}}',
  'registry.reason.left_behind_age': 'reached the age of {{limit}}, no longer left behind',
  'registry.reason.proposal_withdrawn': 'the facts changed and the rule no longer supports this proposal',
  'registry.handoff.aged_out':
    'The child turned {{limit}} on {{date}} and the file is now "aged out". If help is still needed, refer to adult social assistance (minimum living allowance, extreme-poverty support, disability services).',
};

registerMessages({ 'zh-CN': zh, en });
