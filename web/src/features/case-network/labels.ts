import { services, type ServiceCode } from '@contract/service-matrix/vocabulary.js';

/** A service's name from the contract's catalogue, in the page's language. */
export function serviceName(code: ServiceCode, language: string): string {
  return language.startsWith('en') ? services[code].en : services[code].zh;
}

/** Tag colours by status; the status is always written out as well, never shown by colour alone. */
export const serviceStatusColour = {
  planned: 'blue',
  referred: 'geekblue',
  delivered: 'green',
  not_delivered: 'default',
} as const;

export const transferStatusColour = {
  requested: 'gold',
  accepted: 'green',
  rejected: 'red',
  withdrawn: 'default',
} as const;
