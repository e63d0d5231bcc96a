import { registerMessages } from '../../platform/i18n/translate.js';

registerMessages({
  'zh-CN': {
    'divisions.entity': '区划',
    'divisions.invalid_code':
      '“{{code}}”不是有效的区划代码：应为 12 位数字，或 2、4、6、9 位的前缀（如 4210、421002）。',
    'divisions.invalid_province': '“{{code}}”不是省级区划代码：应为 2 位（如 42）或 12 位（如 420000000000）。',
    'divisions.dataset_invalid': '区划数据文件有误：{{problems}}',
    'divisions.dataset_older':
      '{{province}} 已载入 {{loadedYear}} 年的区划数据，不能再载入更早的 {{codeYear}} 年数据。',
    'divisions.dataset_mismatch': '数据文件属于省份 {{fileProvince}}，而要载入的是 {{province}}。',
    'divisions.still_current': '区划 {{code}} 仍在使用，只有已撤销的区划才能指定继承区划。',
    'divisions.successor_invalid': '区划 {{successor}} 不能作为 {{code}} 的继承区划：它必须是另一个现行区划。',
  },
  en: {
    'divisions.entity': 'division',
    'divisions.invalid_code':
      '"{{code}}" is not a valid division code: expected 12 digits, or a 2, 4, 6 or 9-digit prefix (such as 4210 or 421002).',
    'divisions.invalid_province':
      '"{{code}}" is not a province code: expected 2 digits (such as 42) or 12 (such as 420000000000).',
    'divisions.dataset_invalid': 'The division data file is wrong: {{problems}}',
    'divisions.dataset_older':
      'Province {{province}} already has the {{loadedYear}} divisions; the older {{codeYear}} data cannot be loaded over them.',
    'divisions.dataset_mismatch': 'The data file is for province {{fileProvince}}, not {{province}}.',
    'divisions.still_current': 'Division {{code}} is still in use; only a closed division can be given a successor.',
    'divisions.successor_invalid':
      '{{successor}} cannot succeed {{code}}: the successor must be another current division.',
  },
});
