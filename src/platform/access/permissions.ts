// The permission names are part of the contract: the web app reads the same list.
export {
  allPermissions,
  childDataPermissions,
  isPermission,
  type Permission,
  permissions,
} from '../../contract/permissions.js';
