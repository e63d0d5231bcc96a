import { registerMessages } from '../../../platform/i18n/translate.js';

registerMessages({
  'zh-CN': {
    'entity.ledger_import': '台账导入批次',
    'ledger.too_large': '文件 {{file}} 超过 {{limitMb}} MB 的上限，请拆分为多个文件后分别导入。',
    'ledger.file_name_required': '请在查询参数 fileName 或请求头 X-File-Name 中给出文件名。',
    'ledger.organisation_required': '请指定导入到哪个组织（命令行用 --org）。',
    'ledger.organisation_unknown': '找不到组织“{{org}}”，请填写组织的编号或准确名称。',
    'ledger.organisation_ambiguous': '有 {{count}} 个组织名为“{{org}}”，请改用组织编号。',
    'ledger.empty_file': '文件 {{file}} 是空的。',
    'ledger.not_a_workbook':
      '文件 {{file}} 不是 Excel 工作簿（.xlsx）：它是压缩包，但不含工作表。请在 Excel 中另存为 .xlsx 或 .csv。',
    'ledger.old_xls': '文件 {{file}} 是旧版 Excel（.xls）格式，请在 Excel 中另存为 .xlsx 后再导入。',
    'ledger.not_a_ledger': '文件 {{file}} 既不是 .xlsx 工作簿，也不是 CSV 文本，无法作为台账导入。',
    'ledger.unreadable_workbook': '工作簿无法读取（文件可能已损坏）：{{reason}}',
    'ledger.limit_zip_entries': '工作簿包含的部件超过 {{limit}} 个的上限，未读取（可能不是正常的 Excel 文件）。',
    'ledger.limit_entry_size':
      '工作簿中的部件“{{entry}}”解压后为 {{sizeMb}} MB，超过单个部件 {{limitMb}} MB 的上限，未读取；请把台账拆分为多个文件。',
    'ledger.limit_uncompressed_size':
      '工作簿解压后的总大小超过 {{limitMb}} MB 的上限，未读取；请把台账拆分为多个文件。',
    'ledger.limit_compression_ratio':
      '工作簿中的部件“{{entry}}”压缩比为 {{ratio}}:1，超过 {{limit}}:1 的上限（疑似“压缩炸弹”），未读取。',
    'ledger.limit_shared_strings': '工作簿的共享字符串超过 {{limit}} 条的上限，已停止读取；请把台账拆分为多个文件。',
    'ledger.limit_shared_string_chars':
      '工作簿的共享字符串总长度超过 {{limit}} 个字符的上限，已停止读取；请把台账拆分为多个文件。',
    'ledger.limit_cells': '台账的单元格数（行数 × 列数）超过 {{limit}} 个的上限，已停止读取；请把台账拆分为多个文件。',
    'ledger.limit_memory':
      '读取该台账所需内存超过 {{limitMb}} MB 的上限，已停止读取，未导入任何数据；请把台账拆分为多个文件。',
    'ledger.unreadable_csv': 'CSV 文件第 {{row}} 行无法解析：{{reason}}',
    'ledger.empty_sheet': '工作表“{{sheet}}”是空的，没有可导入的数据。',
    'ledger.no_header':
      '在工作表“{{sheet}}”的前 {{rows}} 行中找不到表头（至少需要“姓名”及另外两列，如“性别”“身份证号码”）。',
    'ledger.sheet_unknown': '工作簿中没有名为“{{sheet}}”的工作表（现有：{{sheets}}）。',
    'ledger.header_row_invalid': '工作表“{{sheet}}”第 {{row}} 行不能作为表头：表头须在前 {{max}} 行中且不能是空行。',
    'ledger.mapping_needs_name': '列对应关系中必须指定“姓名”列。',
    'ledger.already_committed': '该批次已提交导入（状态：{{status}}），不能再修改。',
    'ledger.committer_gone': '提交导入的用户 {{userId}} 已不存在，导入已停止。',
    'ledger.notice_two_headers':
      '工作表“{{sheet}}”中第 {{chosen}} 行和第 {{other}} 行都像表头，已选用第 {{chosen}} 行，请确认列对应关系。',
    'ledger.notice_other_sheets': '已选用工作表“{{sheet}}”；其他工作表（{{others}}）也有数据，如需导入请另行选择。',
    'ledger.notice_empty_sheet': '工作表“{{sheet}}”是空的，已跳过。',
    'ledger.name_missing': '缺少姓名。',
    'ledger.id_length': '身份证号码“{{value}}”不是 18 位。',
    'ledger.id_characters': '身份证号码“{{value}}”含有无效字符（前 17 位应为数字，最后一位为数字或 X）。',
    'ledger.id_birth_date': '身份证号码“{{value}}”中的出生日期无效。',
    'ledger.id_check_digit': '身份证号码“{{value}}”校验位错误，请核对原件。',
    'ledger.id_stored_as_number':
      '身份证号码被存成了数字（{{value}}），末几位已丢失，无法恢复；请在 Excel 中把该列设为“文本”后重新录入。',
    'ledger.birth_date_unreadable': '出生日期“{{value}}”无法识别（可写作 2015-03-02、2015.03.02、2015年3月2日）。',
    'ledger.birth_date_incomplete': '出生日期“{{value}}”只有年月，又没有身份证号码，无法确定出生日期。',
    'ledger.birth_date_missing': '既没有身份证号码，也没有出生日期。',
    'ledger.birth_date_mismatch': '出生日期 {{value}} 与身份证号码中的 {{fromId}} 不一致。',
    'ledger.birth_date_future': '出生日期 {{value}} 在今天之后。',
    'ledger.over_age': '出生日期 {{value}}，已满 {{age}} 周岁，不属于未满 {{max}} 周岁的儿童。',
    'ledger.sex_unreadable': '性别“{{value}}”无法识别（应为“男”或“女”）。',
    'ledger.sex_mismatch': '性别“{{value}}”与身份证号码不一致（身份证号码为$t(ledger.sex.{{fromId}})）。',
    'ledger.sex.male': '男',
    'ledger.sex.female': '女',
    'ledger.division_unknown': '无法在本辖区内找到“{{value}}”对应的村（社区）或乡镇。',
    'ledger.division_code_invalid': '区划代码“{{value}}”格式不对：应为 12 位数字（统计用区划代码）。',
    'ledger.division_code_unknown': '区划代码“{{value}}”不是现行有效的行政区划代码，请核对。',
    'ledger.notice_ignored_columns': '以下列没有对应字段，不会导入：{{columns}}。如需导入，请在列对应关系中指定。',
    'ledger.division_ambiguous': '“{{value}}”在本辖区内对应 {{count}} 个地方，请写明乡镇和村。',
    'ledger.duplicate_in_file': '身份证号码 {{value}} 在本文件中重复（第 {{firstRow}} 行已有）。',
    'ledger.likely_duplicate':
      '疑似已登记儿童：{{name}}（出生日期 {{birthDate}}）已有档案 {{havenCode}}，请核实后在档案中更新，不重复登记。',
    'ledger.category_unknown': '困境类型“{{value}}”无法识别，已忽略，其余信息照常导入。',
    'ledger.problem_column': '问题',
    'ledger.errors_sheet': '问题行',
  },
  en: {
    'entity.ledger_import': 'ledger import',
    'ledger.too_large':
      'The file {{file}} is larger than the {{limitMb}} MB limit; split it into several files and import each.',
    'ledger.file_name_required': 'Give the file name in the fileName query parameter or the X-File-Name header.',
    'ledger.organisation_required': 'Say which organisation the ledger is imported for (--org on the command line).',
    'ledger.organisation_unknown': 'No organisation "{{org}}": give its id or exact name.',
    'ledger.organisation_ambiguous': '{{count}} organisations are named "{{org}}": give its id instead.',
    'ledger.empty_file': 'The file {{file}} is empty.',
    'ledger.not_a_workbook':
      'The file {{file}} is not an Excel workbook (.xlsx): it is a zip archive without worksheets. Save it from Excel as .xlsx or .csv.',
    'ledger.old_xls':
      'The file {{file}} is in the old Excel format (.xls); save it from Excel as .xlsx and import that.',
    'ledger.not_a_ledger':
      'The file {{file}} is neither an .xlsx workbook nor CSV text and cannot be imported as a ledger.',
    'ledger.unreadable_workbook': 'The workbook cannot be read (the file may be damaged): {{reason}}',
    'ledger.limit_zip_entries':
      'The workbook holds more than {{limit}} parts, the limit; it was not read (it may not be a normal Excel file).',
    'ledger.limit_entry_size':
      'Part "{{entry}}" of the workbook expands to {{sizeMb}} MB, over the {{limitMb}} MB limit for one part; it was not read. Split the ledger into several files.',
    'ledger.limit_uncompressed_size':
      'The workbook expands to more than {{limitMb}} MB in all, the limit; it was not read. Split the ledger into several files.',
    'ledger.limit_compression_ratio':
      'Part "{{entry}}" of the workbook is compressed {{ratio}}:1, over the {{limit}}:1 limit (a likely zip bomb); it was not read.',
    'ledger.limit_shared_strings':
      'The workbook has more than {{limit}} shared strings, the limit; reading stopped. Split the ledger into several files.',
    'ledger.limit_shared_string_chars':
      'The shared strings of the workbook are longer than {{limit}} characters in all, the limit; reading stopped. Split the ledger into several files.',
    'ledger.limit_cells':
      'The ledger has more than {{limit}} cells (rows × columns), the limit; reading stopped. Split the ledger into several files.',
    'ledger.limit_memory':
      'Reading this ledger needs more than {{limitMb}} MB of memory, the limit; reading stopped and nothing was imported. Split the ledger into several files.',
    'ledger.unreadable_csv': 'Row {{row}} of the CSV file cannot be parsed: {{reason}}',
    'ledger.empty_sheet': 'The sheet "{{sheet}}" is empty: there is nothing to import.',
    'ledger.no_header':
      'No header found in the first {{rows}} rows of sheet "{{sheet}}" (a header needs 姓名/name and at least two other known columns such as 性别 or 身份证号码).',
    'ledger.sheet_unknown': 'The workbook has no sheet named "{{sheet}}" (it has: {{sheets}}).',
    'ledger.header_row_invalid':
      'Row {{row}} of sheet "{{sheet}}" cannot be the header: it must be a non-empty row among the first {{max}}.',
    'ledger.mapping_needs_name': 'The column mapping must name the column holding the name.',
    'ledger.already_committed': 'This import has been committed (status: {{status}}) and can no longer be changed.',
    'ledger.committer_gone': 'The user {{userId}} who committed the import no longer exists; the import stopped.',
    'ledger.notice_two_headers':
      'Rows {{chosen}} and {{other}} of sheet "{{sheet}}" both look like headers; row {{chosen}} was used. Please confirm the column mapping.',
    'ledger.notice_other_sheets':
      'Sheet "{{sheet}}" was chosen; other sheets ({{others}}) have data too: choose them separately to import them.',
    'ledger.notice_empty_sheet': 'Sheet "{{sheet}}" is empty and was skipped.',
    'ledger.name_missing': 'The name is missing.',
    'ledger.id_length': 'ID number "{{value}}" does not have 18 characters.',
    'ledger.id_characters': 'ID number "{{value}}" has invalid characters (17 digits, then a digit or X).',
    'ledger.id_birth_date': 'The birth date inside ID number "{{value}}" is not a real date.',
    'ledger.id_check_digit': 'ID number "{{value}}" has a wrong check digit; compare it with the card.',
    'ledger.id_stored_as_number':
      'The ID number was stored as a number ({{value}}), so its last digits were lost and cannot be recovered; format the column as Text in Excel and type it again.',
    'ledger.birth_date_unreadable':
      'Birth date "{{value}}" cannot be read (write it as 2015-03-02, 2015.03.02 or 2015年3月2日).',
    'ledger.birth_date_incomplete':
      'Birth date "{{value}}" has only a year and month and there is no ID number to complete it.',
    'ledger.birth_date_missing': 'There is neither an ID number nor a birth date.',
    'ledger.birth_date_mismatch': 'Birth date {{value}} disagrees with {{fromId}} in the ID number.',
    'ledger.birth_date_future': 'Birth date {{value}} is in the future.',
    'ledger.over_age': 'Born {{value}}: {{age}} years old, not a child under {{max}}.',
    'ledger.sex_unreadable': 'Sex "{{value}}" cannot be read (男/女 or male/female).',
    'ledger.sex_mismatch': 'Sex "{{value}}" disagrees with the ID number ($t(ledger.sex.{{fromId}})).',
    'ledger.sex.male': 'male',
    'ledger.sex.female': 'female',
    'ledger.division_unknown': 'No village, community or township "{{value}}" in this jurisdiction.',
    'ledger.division_code_invalid': 'Division code "{{value}}" is not 12 digits (the statistical division code).',
    'ledger.division_code_unknown': 'Division code "{{value}}" is not a current administrative division; check it.',
    'ledger.notice_ignored_columns':
      'These columns are mapped to no field and will not be imported: {{columns}}. Map them if they should be.',
    'ledger.division_ambiguous':
      '"{{value}}" matches {{count}} places in this jurisdiction; write the township and village.',
    'ledger.duplicate_in_file': 'ID number {{value}} appears twice in this file (first in row {{firstRow}}).',
    'ledger.likely_duplicate':
      'Likely already registered: {{name}} (born {{birthDate}}) has file {{havenCode}}; check and update that file instead of registering again.',
    'ledger.category_unknown': 'Category "{{value}}" is not known and was ignored; the rest of the row is imported.',
    'ledger.problem_column': 'Problem',
    'ledger.errors_sheet': 'Rows with problems',
  },
});
