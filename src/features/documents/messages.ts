import { registerMessages } from '../../platform/i18n/translate.js';

registerMessages({
  'zh-CN': {
    'documents.entity': '档案材料',
    'documents.child_entity': '儿童档案',
    'documents.subject_entity': '关联事项（{{type}}）',
    'documents.not_shared': '本单位经转介参与该儿童的工作，转介未共享档案材料，不能查看或上传。',
    'documents.shared_read_only': '经转介共享给本单位的材料只能查看，不能撤回或删除。',
    'documents.empty': '上传的文件是空的。',
    'documents.too_large': '文件超过大小上限 {{limitMb}} MB（{{limitBytes}} 字节），请压缩或分开上传。',
    'documents.unrecognised': '无法识别文件内容：仅接受 PDF、JPEG、PNG、WebP、HEIC 文件（按内容判断，而非文件名）。',
    'documents.content_mismatch': '文件内容是 {{detected}}，与声明的类型 {{declared}} 不符。',
    'documents.type_not_allowed': '“{{type}}”类材料不接受 {{detected}} 文件，仅接受：{{allowed}}。',
    'documents.subject_other_child': '所选的{{type}}不属于该儿童。',
    'documents.already_withdrawn': '该材料已于 {{at}} 撤回。',
    'documents.not_withdrawn': '只有已撤回的材料才能彻底删除，请先撤回并说明原因。',
    'documents.purged': '该材料的文件已被彻底删除（{{at}}），只保留记录。',
  },
  en: {
    'documents.entity': 'document',
    'documents.child_entity': 'child',
    'documents.subject_entity': '{{type}}',
    'documents.not_shared':
      "Your organisation works with this child through a referral that does not share the file's documents: you cannot see or add them.",
    'documents.shared_read_only':
      'A document a referral shared with your organisation can be read, not withdrawn or purged.',
    'documents.empty': 'The uploaded file is empty.',
    'documents.too_large':
      'The file is larger than the limit of {{limitMb}} MB ({{limitBytes}} bytes): compress it or upload it in parts.',
    'documents.unrecognised':
      'The content is not recognised: only PDF, JPEG, PNG, WebP and HEIC files are accepted (judged by content, not by name).',
    'documents.content_mismatch': 'The content is {{detected}}, not the declared {{declared}}.',
    'documents.type_not_allowed': 'A "{{type}}" document cannot be a {{detected}} file; allowed: {{allowed}}.',
    'documents.subject_other_child': 'The {{type}} chosen is not of this child.',
    'documents.already_withdrawn': 'This document was withdrawn on {{at}}.',
    'documents.not_withdrawn': 'Only a withdrawn document can be purged: withdraw it first, with a reason.',
    'documents.purged': "This document's file was purged ({{at}}); only its record is kept.",
  },
});
