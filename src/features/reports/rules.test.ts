import { describe, expect, it } from 'vitest';
import { owesLegalDeadline, recipientRoles } from '../../contract/reports/vocabulary.js';
import { defaultMatrixServices } from './rule-sections.js';
import {
  impliedServices,
  detectAttachmentType,
  formatReferenceNumber,
  nearestOrganisation,
  recipientRolesFor,
  recipientSeesReporter,
  reportingDelayMinutes,
} from './rules.js';

const routing = {
  civilAffairs: true,
  education: false,
  township: true,
  village: true,
  seesReporter: ['civil_affairs'] as const,
};

describe('report rules', () => {
  it('reads the type from the content, not the name', () => {
    expect(detectAttachmentType(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0]))).toBe('image/jpeg');
    expect(detectAttachmentType(Buffer.from('%PDF-1.7\n'))).toBe('application/pdf');
    expect(detectAttachmentType(Buffer.from('MZ\x90\x00 this is an exe'))).toBeUndefined();
    expect(detectAttachmentType(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeUndefined();
  });

  it('routes to police always and to the others as the rule set says; only police and civil affairs see the reporter', () => {
    expect(recipientRolesFor(routing)).toEqual(['police', 'civil_affairs', 'township', 'village']);
    expect(recipientRolesFor({ ...routing, civilAffairs: false, education: true, village: false })).toEqual([
      'police',
      'education',
      'township',
    ]);
    expect(recipientSeesReporter('police', routing)).toBe(true);
    expect(recipientSeesReporter('civil_affairs', routing)).toBe(true);
    expect(recipientSeesReporter('village', routing)).toBe(false);
    expect(recipientSeesReporter('township', routing)).toBe(false);
  });

  it('picks the nearest organisation of a kind above the place', () => {
    const orgs = [
      { kind: 'police', divisionCode: '421000000000', name: 'city' },
      { kind: 'police', divisionCode: '421002000000', name: 'district' },
    ];
    expect(
      nearestOrganisation(orgs, 'police', [
        '420000000000',
        '421000000000',
        '421002000000',
        '421002101000',
        '421002101201',
      ])?.name,
    ).toBe('district');
    expect(nearestOrganisation(orgs, 'police', ['420000000000', '421000000000', '421022000000'])?.name).toBe('city');
  });

  it('formats reference numbers and measures reporting delay', () => {
    expect(formatReferenceNumber(2026, 123)).toBe('R-2026-000123');
    expect(reportingDelayMinutes(new Date('2026-01-01T08:00:00Z'), new Date('2026-01-01T10:30:00Z'))).toBe(150);
    expect(reportingDelayMinutes(null, new Date())).toBeNull();
  });
});

describe('the services a report implies (rule data)', () => {
  it('maps situations through the rule section, each service once, situations in order', () => {
    expect(impliedServices([8, 7], defaultMatrixServices)).toEqual(['street_children_shelter']);
    expect(impliedServices([8, 6], defaultMatrixServices)).toEqual(['temporary_care', 'street_children_shelter']);
    expect(impliedServices([1, 4, 9], defaultMatrixServices)).toEqual([]);
    expect(impliedServices([2], { '2': ['victim_support', 'medical_treatment'] })).toEqual([
      'victim_support',
      'medical_treatment',
    ]);
  });

  it('every statutory receiver owes a legal deadline; a matrix provider copy (no clock) does not, so deadline lists leave it out', () => {
    expect(recipientRoles.filter((role) => !owesLegalDeadline(role))).toEqual(['provider']);
  });
});
