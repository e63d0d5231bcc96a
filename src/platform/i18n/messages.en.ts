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
  internal: 'Internal error, logged as request {{requestId}}. Try again later or contact an administrator.',
  bad_json: 'The body is not valid JSON.',
  metrics_refused: 'Metrics are served only to direct requests from this machine, or to requests carrying the metrics token (HAVEN_METRICS_TOKEN).',
  unsupported_media_type: 'Unsupported content type: {{type}}',
  'entity.child': "child's file",
  'entity.user': 'user',
  'entity.organisation': 'organisation',
  'entity.division': 'division',
  'entity.api_token': 'API token',
  'entity.setting': 'setting',
  'field.required': 'Required',
  'field.invalid': 'Invalid format',
};
