import { useAuth } from '../../../app/auth/AuthProvider';
import type { Permission } from '../../../app/auth/permissions';
import type { ChildFile } from '../api/fileApi';

/**
 * What the reader may do with this file now. The server says so in `allowedActions`; an older
 * server without it falls back to the reader's permissions (the server checks every call again).
 */
export function useFileActions(file: ChildFile | undefined) {
  const { can } = useAuth();
  return (action: ChildFile['allowedActions'][number], permission: Permission = 'children.write') => {
    if (!file) return false;
    if (file.allowedActions.length > 0) return file.allowedActions.includes(action);
    return can(permission) && file.status !== 'merged';
  };
}
