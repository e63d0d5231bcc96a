/* The fixed words of documents on a child's file (issue 16 "Documents"), as the API speaks them. Pure. */

/** What a document is; each allows some kinds of content (a photo must be an image). */
export const documentTypes = {
  court_decision: { zh: '法院判决/裁定书', en: 'Court decision' },
  guardianship_certificate: { zh: '监护证明', en: 'Guardianship certificate' },
  handover_record: { zh: '交接记录', en: 'Hand-over record' },
  id_copy: { zh: '身份证件复印件', en: 'ID copy' },
  medical_report: { zh: '医疗诊断/病历', en: 'Medical report' },
  photo: { zh: '照片', en: 'Photo' },
  other: { zh: '其他材料', en: 'Other' },
} as const satisfies Record<string, { zh: string; en: string }>;
export type DocumentType = keyof typeof documentTypes;
export const documentTypeCodes = Object.keys(documentTypes) as [DocumentType, ...DocumentType[]];

/** The content Haven recognises by its first bytes; nothing else is stored. */
export const mediaTypes = {
  'application/pdf': { zh: 'PDF 文档', en: 'PDF document', image: false },
  'image/jpeg': { zh: 'JPEG 图片', en: 'JPEG image', image: true },
  'image/png': { zh: 'PNG 图片', en: 'PNG image', image: true },
  'image/webp': { zh: 'WebP 图片', en: 'WebP image', image: true },
  'image/heic': { zh: 'HEIC 图片', en: 'HEIC image', image: true },
} as const satisfies Record<string, { zh: string; en: string; image: boolean }>;
export type MediaType = keyof typeof mediaTypes;
export const mediaTypeCodes = Object.keys(mediaTypes) as [MediaType, ...MediaType[]];

/** The content each type of document may have. */
export const allowedMediaTypes: Record<DocumentType, readonly MediaType[]> = {
  court_decision: mediaTypeCodes,
  guardianship_certificate: mediaTypeCodes,
  handover_record: mediaTypeCodes,
  id_copy: mediaTypeCodes,
  medical_report: mediaTypeCodes,
  photo: ['image/jpeg', 'image/png', 'image/webp', 'image/heic'],
  other: mediaTypeCodes,
};

/** What else on the file a document may belong to, besides the child (the owning feature checks it exists and is visible). */
export const documentSubjects = {
  case: { zh: '个案', en: 'Case' },
  placement: { zh: '安置', en: 'Placement' },
  visit: { zh: '入户随访', en: 'Home visit' },
  tracing_request: { zh: '寻亲登记', en: 'Tracing request' },
} as const satisfies Record<string, { zh: string; en: string }>;
export type DocumentSubjectType = keyof typeof documentSubjects;
export const documentSubjectCodes = Object.keys(documentSubjects) as [DocumentSubjectType, ...DocumentSubjectType[]];

/** What a photo's location data became on upload (children's privacy: where a child lives is not shared by a photo). */
export const locationOutcomes = {
  none: { zh: '无位置信息', en: 'No location data' },
  removed: { zh: '已清除位置信息', en: 'Location data removed' },
  not_checked: { zh: '未能检查位置信息', en: 'Location data not checked' },
} as const satisfies Record<string, { zh: string; en: string }>;
export type LocationOutcome = keyof typeof locationOutcomes;
export const locationOutcomeCodes = Object.keys(locationOutcomes) as [LocationOutcome, ...LocationOutcome[]];

/** The timeline kinds documents write. */
export const documentTimelineKinds = ['document.uploaded', 'document.withdrawn', 'document.purged'] as const;
