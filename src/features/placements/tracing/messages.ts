import { registerMessages } from '../../../platform/i18n/translate.js';

registerMessages({
  'zh-CN': {
    'tracing.entity': '寻亲登记',
    'tracing.lead_entity': '寻亲线索',
    'tracing.closed': '该寻亲登记已结束，不能再办理。',
    'tracing.already_open': '该儿童已有一份进行中的寻亲登记，请在原登记中继续办理。',
    'tracing.already_identified': '该儿童（{{havenCode}}）已登记身份证号，身份已明，无需寻亲。',
    'tracing.lead_decided': '该线索已处理（$t(tracing.lead_status.{{status}})）。',
    'tracing.lead_status.ruled_out': '已排除',
    'tracing.lead_status.matched': '已比对成功',
    'tracing.match_needs_family': '比对成功的线索须写明所指向的家庭（姓名与关系）。',
    'tracing.already_matched': '该寻亲登记已有比对成功的线索（当前状态：$t(tracing.status.{{status}})）。',
    'tracing.status.open': '寻亲中',
    'tracing.status.matched': '已比对',
    'tracing.status.identified': '身份已确认',
    'tracing.status.closed': '已结束',
    'placements.division_format': '行政区划代码应为 12 位数字。',
  },
  en: {
    'tracing.entity': 'tracing request',
    'tracing.lead_entity': 'tracing lead',
    'tracing.closed': 'This tracing request is closed.',
    'tracing.already_open': 'The child already has an active tracing request: continue in that one.',
    'tracing.already_identified':
      'The child ({{havenCode}}) has an ID number: the identity is known, no tracing is needed.',
    'tracing.lead_decided': 'This lead has been decided already ($t(tracing.lead_status.{{status}})).',
    'tracing.lead_status.ruled_out': 'ruled out',
    'tracing.lead_status.matched': 'matched',
    'tracing.match_needs_family': 'A matched lead names the family (name and relationship).',
    'tracing.already_matched': 'This request is matched already (now "$t(tracing.status.{{status}})").',
    'tracing.status.open': 'open',
    'tracing.status.matched': 'matched',
    'tracing.status.identified': 'identified',
    'tracing.status.closed': 'closed',
    'placements.division_format': 'A division code has 12 digits.',
  },
});
