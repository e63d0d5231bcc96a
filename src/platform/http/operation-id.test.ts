import { describe, expect, it } from 'vitest';
import { operationIdFor } from './operation-id.js';

describe('operationIdFor', () => {
  it('is the method, then each path segment in PascalCase, a parameter as By<Name>', () => {
    expect(operationIdFor('GET', '/api/children')).toBe('getChildren');
    expect(operationIdFor('GET', '/api/children/:id')).toBe('getChildrenById');
    expect(operationIdFor('POST', '/api/role-grants/:id/approve')).toBe('postRoleGrantsByIdApprove');
    expect(operationIdFor('GET', '/api/children/:id/file.pdf')).toBe('getChildrenByIdFilePdf');
    expect(operationIdFor('DELETE', '/api/lead-agencies/:divisionCode')).toBe('deleteLeadAgenciesByDivisionCode');
  });

  it('reads a path the same whether Fastify or the document writes its parameters', () => {
    expect(operationIdFor('PATCH', '/api/children/{id}/family/{memberId}')).toBe(
      operationIdFor('PATCH', '/api/children/:id/family/:memberId'),
    );
  });

  it('tells apart a parameter from a segment of the same name, and methods on one path', () => {
    expect(operationIdFor('GET', '/api/imports/:id')).not.toBe(operationIdFor('GET', '/api/imports/id'));
    expect(operationIdFor('GET', '/api/tokens')).not.toBe(operationIdFor('POST', '/api/tokens'));
  });
});
