import { describe, expect, it } from 'vitest';
import { visitRules } from './rule-sections.js';
import { ageOn, clocksMetBy, routineInterval } from './rules.js';

const rules = visitRules.schema.parse({});
const day = '2026-06-01';

describe('the home-visit schedule (pure)', () => {
  it('takes the defaults of DOMAIN.md §8: high weekly, medium-high twice a month, medium-low and low monthly', () => {
    expect(rules.firstVisitWorkingDays).toBe(5);
    expect(rules.screeningEveryDays).toBe(365);
    const at = (riskGrade: 'high' | 'medium_high' | 'medium_low' | 'low') =>
      routineInterval({ riskGrade, categories: [], birthDate: '2015-01-01' }, rules, day)?.days;
    expect([at('high'), at('medium_high'), at('medium_low'), at('low')]).toEqual([7, 15, 30, 30]);
  });

  it('visits a left-behind child monthly, and the shortest interval that applies wins', () => {
    expect(
      routineInterval({ riskGrade: null, categories: ['left_behind'], birthDate: '2015-01-01' }, rules, day),
    ).toEqual({ days: 30, because: 'category:left_behind' });
    expect(
      routineInterval({ riskGrade: 'high', categories: ['left_behind'], birthDate: '2015-01-01' }, rules, day),
    ).toEqual({ days: 7, because: 'grade:high' });
  });

  it('ends the left-behind visit rule on the 16th birthday; a child without grade or rule has only the screening', () => {
    const facts = { riskGrade: null, categories: ['left_behind' as const], birthDate: '2010-06-02' };
    expect(routineInterval(facts, rules, '2026-06-01')?.days).toBe(30);
    expect(routineInterval(facts, rules, '2026-06-02')).toBeNull();
    expect(ageOn('2010-06-02', '2026-06-02')).toBe(16);
    expect(routineInterval({ riskGrade: null, categories: ['poverty'], birthDate: null }, rules, day)).toBeNull();
  });

  it('is rule data: a division may visit medium-high children weekly and orphans monthly', () => {
    const local = visitRules.schema.parse({
      everyDaysByGrade: { medium_high: 7 },
      everyDaysByCategory: { left_behind: 30, orphan: 30 },
    });
    expect(routineInterval({ riskGrade: 'medium_high', categories: [], birthDate: null }, local, day)?.days).toBe(7);
    expect(routineInterval({ riskGrade: null, categories: ['orphan'], birthDate: null }, local, day)?.days).toBe(30);
  });

  it('a first visit or a screening meets the screening clock too; a routine visit does not', () => {
    expect(clocksMetBy('screening')).toContain('visit.screening');
    expect(clocksMetBy('routine')).not.toContain('visit.screening');
  });
});
