import { z } from 'zod';
import { ruleSection } from '../../../platform/rules/rule-set.js';

const weight = (value: number) => z.number().int().min(-100).max(100).default(value);

/** How alike two files must be to be proposed as duplicates; a province may tune the weights. */
export const duplicateRulesSection = ruleSection(
  'registry.duplicates',
  z
    .object({
      minScore: z.number().int().min(1).max(100).default(50),
      weights: z
        .object({
          same_id_number: weight(100),
          different_id_numbers: weight(-40),
          same_name: weight(40),
          former_name: weight(35),
          same_pinyin: weight(30),
          one_char_different: weight(20),
          same_birth_date: weight(30),
          birth_date_one_day: weight(20),
          birth_day_month_swapped: weight(20),
          birth_same_month: weight(10),
          same_village: weight(20),
          same_township: weight(12),
          same_county: weight(6),
          shared_guardian_phone: weight(30),
          shared_guardian_name: weight(15),
        })
        .prefault({}),
    })
    .prefault({}),
);
