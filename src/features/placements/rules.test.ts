import { describe, expect, it } from 'vitest';
import { allowedActions, foldLog } from '../../core/workflow/rules.js';
import { daysOfStay, mayApproveExtension, placementStatusTable, stayBandOf } from './rules.js';

const rule = { kind: 'civil_affairs_bureau', lowestPlace: 'county' as const };

describe('placement rules', () => {
  it('folds the log: an extension requested, approved, then the transfer ends the episode', () => {
    const state = foldLog(placementStatusTable, [
      { type: 'place' },
      { type: 'request_extension', by: 'a' },
      { type: 'approve_extension', by: 'b' },
      { type: 'transfer', by: 'a' },
    ]);
    expect(state).toMatchObject({ status: 'ended', seq: 4 });
  });

  it('the requester of a longer stay may not approve it', () => {
    const state = foldLog(placementStatusTable, [{ type: 'place' }, { type: 'request_extension', by: 'a' }]);
    const asker = (id: string) => ({ can: () => true, accountableUserId: id });
    expect(allowedActions(placementStatusTable, state, asker('a'))).not.toContain('approve_extension');
    expect(allowedActions(placementStatusTable, state, asker('b'))).toContain('approve_extension');
  });

  it('civil affairs of the station place or above approves; a lower level, another place or kind does not', () => {
    const cityStation = '421000000000';
    const countyStation = '421002000000';
    expect(mayApproveExtension({ kind: 'civil_affairs_bureau', divisionCode: '421000000000' }, cityStation, rule)).toBe(
      true,
    );
    expect(mayApproveExtension({ kind: 'civil_affairs_bureau', divisionCode: '421002000000' }, cityStation, rule)).toBe(
      false,
    );
    expect(
      mayApproveExtension({ kind: 'civil_affairs_bureau', divisionCode: '421002000000' }, countyStation, rule),
    ).toBe(true);
    expect(
      mayApproveExtension({ kind: 'civil_affairs_bureau', divisionCode: '421022000000' }, countyStation, rule),
    ).toBe(false);
    expect(
      mayApproveExtension({ kind: 'civil_affairs_bureau', divisionCode: '421002101000' }, '421002101000', rule),
    ).toBe(false);
    expect(mayApproveExtension({ kind: 'rescue_station', divisionCode: '421000000000' }, cityStation, rule)).toBe(
      false,
    );
    expect(mayApproveExtension(null, cityStation, rule)).toBe(false);
  });

  it('counts whole days of stay and bands them', () => {
    const start = new Date('2026-03-01T10:00:00+08:00');
    expect(daysOfStay(start, null, new Date('2026-03-11T09:59:00+08:00'))).toBe(9);
    expect(daysOfStay(start, new Date('2026-03-02T10:00:00+08:00'), new Date('2027-01-01T00:00:00+08:00'))).toBe(1);
    expect([0, 10, 11, 30, 31, 90, 91, 365, 366].map(stayBandOf)).toEqual([
      'up_to_10',
      'up_to_10',
      'up_to_30',
      'up_to_30',
      'up_to_90',
      'up_to_90',
      'up_to_365',
      'up_to_365',
      'over_365',
    ]);
  });
});
