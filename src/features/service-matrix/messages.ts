import { registerMessages } from '../../platform/i18n/translate.js';

registerMessages({
  'zh-CN': {
    'matrix.division_format': '行政区划代码应为 12 位数字。',
    'matrix.date_format': '日期格式应为 YYYY-MM-DD，如 2026-03-01。',
    'matrix.division_unknown': '行政区划 {{code}} 不存在。',
    'matrix.not_lead_agency': '只有本市牵头单位（市民政局或市妇儿工委）的工作人员才能修改本市及下辖地区的职责矩阵。',
    'matrix.valid_from_past': '生效日期 {{validFrom}} 早于今天：已按旧矩阵作出的安排不能追溯改变。',
    'matrix.cell_twice': '“{{service}} × {{kind}}”在本次修改中出现了两次。',
    'matrix.stale': '职责矩阵已有新版本（您看到的是第 {{expected}} 版，当前为第 {{current}} 版）。请刷新后再修改。',
    'matrix.report_level': '报告按市或县（区）查看。',
  },
  en: {
    'matrix.division_format': 'A division code has 12 digits.',
    'matrix.date_format': 'Dates are written YYYY-MM-DD, e.g. 2026-03-01.',
    'matrix.division_unknown': 'Division {{code}} does not exist.',
    'matrix.not_lead_agency':
      "Only staff of the city's lead agency (civil affairs, or the women-and-children work committee) edit the matrix of the city and its places.",
    'matrix.valid_from_past':
      'The start date {{validFrom}} is before today: what was arranged under the old matrix cannot change after the fact.',
    'matrix.cell_twice': '"{{service}} × {{kind}}" appears twice in this edit.',
    'matrix.stale':
      'The matrix has a newer version (you saw version {{expected}}, it is now {{current}}). Reload it and edit again.',
    'matrix.report_level': 'The report is read for a city or a county.',
  },
});
