/**
 * Every operation's `operationId`, derived by one rule from its method and path (so it is unique
 * while the routes are, and changes only when the route does): the method in lower case, then each
 * path segment after `/api/` in PascalCase, a path parameter as `By<Name>`.
 *   GET  /api/children/:id                   → getChildrenById
 *   POST /api/role-grants/:id/approve         → postRoleGrantsByIdApprove
 *   GET  /api/children/:id/file.pdf           → getChildrenByIdFilePdf
 */
export function operationIdFor(method: string, url: string): string {
  const segments = url
    .replace(/^\/api\//, '')
    .split('/')
    .filter((segment) => segment !== '');
  const words = segments.map((segment) => {
    const parameter = /^:(.+)$/.exec(segment) ?? /^\{(.+)\}$/.exec(segment);
    return parameter ? `By${pascal(parameter[1] ?? '')}` : pascal(segment);
  });
  return `${method.toLowerCase()}${words.join('')}`;
}

function pascal(text: string): string {
  return text
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word !== '')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');
}
