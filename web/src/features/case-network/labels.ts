import { services, type ServiceCode } from '@contract/service-matrix/vocabulary.js';

/** A service's name from the contract's catalogue, in the page's language. */
export function serviceName(code: ServiceCode, language: string): string {
  return language.startsWith('en') ? services[code].en : services[code].zh;
}

/** Tag colours by status (the theme's status colours, dark enough on their backgrounds); the status is always written out as well, never shown by colour alone. */
export const serviceStatusColour = {
  planned: 'processing',
  referred: 'blue',
  delivered: 'success',
  not_delivered: 'default',
} as const;

export const transferStatusColour = {
  requested: 'warning',
  accepted: 'success',
  rejected: 'error',
  withdrawn: 'default',
} as const;
