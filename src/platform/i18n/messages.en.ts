import type { zhCN } from './messages.zh-CN.js';

export const en: Record<keyof typeof zhCN, string> = {
  not_found: 'No {{entity}} {{id}} exists, or you may not see it.',
  stale_version:
    'This {{entity}} was changed by someone else (current version {{currentVersion}}). Reload it and make your change on the latest version.',
  forbidden: 'You do not have permission to do this ({{permission}}).',
  invalid_input: 'The submission has {{count}} problem(s); correct them as indicated.',
  unauthenticated: 'Please sign in first.',
  rate_limited: 'Too many requests; try again shortly.',
  payload_too_large: 'The submission is too large (limit {{limit}} bytes).',
  route_not_found: 'No such endpoint: {{method}} {{url}}',
  idempotency_key_reused:
    'This Idempotency-Key was already used for a different request; generate a new key for a new request.',
  idempotency_in_progress: 'A request with the same key is still being processed; try again shortly.',
  database_unavailable:
    'The database cannot be reached right now (it is being recovered); this request may not have been completed. Try again in {{seconds}} seconds; a retry with the same Idempotency-Key is not carried out twice.',
  internal: 'Internal error, logged as request {{requestId}}. Try again later or contact an administrator.',
  bad_json: 'The body is not valid JSON.',
  metrics_refused:
    'Metrics are served only to direct requests from this machine, or to requests carrying the metrics token (HAVEN_METRICS_TOKEN).',
  unsupported_media_type: 'Unsupported content type: {{type}}',
  'entity.child': "child's file",
  'entity.user': 'user',
  'entity.organisation': 'organisation',
  'entity.division': 'division',
  'entity.api_token': 'API token',
  'entity.setting': 'setting',
  'field.required': 'Required',
  'field.invalid': 'Invalid format',
  'validation.text_control':
    '"{{field}}" contains a control character (such as NUL, a line break or a tab); remove it and try again.',
  'validation.text_unpaired_surrogate':
    '"{{field}}" contains an invalid character encoding (an unpaired surrogate); type it again.',
  'validation.text_bidi':
    '"{{field}}" contains an invisible character that changes the text direction; remove it and try again.',
  'validation.text_invisible': '"{{field}}" contains an invisible (zero-width) character; remove it and try again.',
  'validation.nesting_too_deep': '"{{field}}" is nested too deeply (at most 32 levels).',
  'validation.unknown_parameter': 'Unknown query parameter "{{field}}"; remove it or check its spelling.',
};
