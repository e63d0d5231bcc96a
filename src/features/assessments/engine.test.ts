import { describe, expect, it } from 'vitest';
import { bestAnswers, gradeGuardianship, invalidAnswers } from '../../contract/assessments/engine.js';
import {
  assessmentItemCodes,
  assessmentItems,
  guardianshipRulesSchema,
  secondLevelIndicators,
} from '../../contract/assessments/standard.js';
import { riskGrade } from '../../contract/risk/grade.js';

const rules = guardianshipRulesSchema.parse({});
const worstOf = (item: keyof typeof assessmentItems) => assessmentItems[item].answers.at(-1)!;
const middleOf = (item: keyof typeof assessmentItems) => assessmentItems[item].answers[1]!;

describe('the guardianship assessment engine (DB42/T 1969-2023 structure as rule data)', () => {
  it('has the standard structure: 11 second-level indicators, 20 items, 66 scoring rules', () => {
    expect(secondLevelIndicators).toHaveLength(11);
    expect(assessmentItemCodes).toHaveLength(20);
    expect(assessmentItemCodes.reduce((n, item) => n + assessmentItems[item].answers.length, 0)).toBe(66);
    expect(new Set(assessmentItemCodes.map((item) => assessmentItems[item].indicator)).size).toBe(11);
    expect(rules.cutOffsSource).toMatch(/haven-default/);
  });

  it('reaches each of the four grades and maps them to the four-colour risk grade', () => {
    const best = bestAnswers();
    expect(gradeGuardianship(best, [], rules)).toMatchObject({ score: 100, grade: 'normal', riskGrade: 'low' });
    const some = {
      ...best,
      income_level: 'none',
      basic_needs: 'unmet',
      housing: 'unsafe_or_none',
      hygiene: 'harmful',
      communication: 'none',
    };
    expect(gradeGuardianship(some, [], rules)).toMatchObject({ grade: 'insufficient', riskGrade: 'medium_low' });
    const middle = Object.fromEntries(assessmentItemCodes.map((i) => [i, middleOf(i)])) as typeof best;
    expect(gradeGuardianship(middle, [], rules)).toMatchObject({ grade: 'improper', riskGrade: 'medium_high' });
    const worst = Object.fromEntries(assessmentItemCodes.map((i) => [i, worstOf(i)])) as typeof best;
    expect(gradeGuardianship(worst, [], rules)).toMatchObject({ score: 0, grade: 'missing', riskGrade: 'high' });
  });

  it('takes the cut-offs, weights and caps from the rule data', () => {
    const some = {
      ...bestAnswers(),
      income_level: 'none',
      basic_needs: 'unmet',
      housing: 'unsafe_or_none',
      hygiene: 'harmful',
      communication: 'none',
    };
    const strict = guardianshipRulesSchema.parse({ cutOffs: { normal: 70, insufficient: 50, improper: 30 } });
    expect(gradeGuardianship(some, [], strict).grade).toBe('normal');
    const stricter = guardianshipRulesSchema.parse({ cutOffs: { normal: 95, insufficient: 90, improper: 85 } });
    expect(gradeGuardianship(some, [], stricter).grade).toBe('missing');
    const harmed = { ...bestAnswers(), harm: 'harmed_by_guardian' };
    expect(gradeGuardianship(harmed, [], rules)).toMatchObject({
      grade: 'missing',
      cappedBy: ['harm:harmed_by_guardian'],
    });
    expect(gradeGuardianship(harmed, [], guardianshipRulesSchema.parse({ caps: [] })).grade).toBe('normal');
  });

  it('the emergency override sets red whatever the score, and the case grade shares it', () => {
    expect(gradeGuardianship(bestAnswers(), ['trafficked'], rules)).toMatchObject({
      grade: 'normal',
      riskGrade: 'high',
      overridden: true,
    });
    const zero = {
      safety: 0,
      guardianship_capacity: 0,
      physical_health: 0,
      mental_health: 0,
      education: 0,
      living_conditions: 0,
    };
    const caseRules = {
      weights: { ...zero, safety: 1 },
      cutOffs: { medium_low: 6, medium_high: 12, high: 20 },
      severeSectionGrade: 'medium_high' as const,
    };
    expect(riskGrade(zero, ['abused'], caseRules)).toMatchObject({ grade: 'high', overridden: true });
    expect(riskGrade(zero, [], caseRules)).toMatchObject({ grade: 'low', overridden: false });
  });

  it('names every missing item and unknown answer', () => {
    const { growth: _, ...rest } = bestAnswers();
    expect(invalidAnswers({ ...rest, harm: 'maybe', colour: 'red' })).toEqual(['growth', 'harm:maybe', 'colour']);
    expect(invalidAnswers(bestAnswers())).toEqual([]);
  });
});
