/** The permissions the web app looks at (the server checks every one of them again): the contract's names. */
export type { Permission } from '@contract/permissions.js';
