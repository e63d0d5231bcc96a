/** The relationships the hotline form offers for the caller (the API takes free text, up to 100 characters). */
export const callerRelations = [
  'neighbour',
  'relative',
  'parent',
  'child_self',
  'teacher',
  'medical',
  'village_cadre',
  'passer_by',
  'other',
] as const;
