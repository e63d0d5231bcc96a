import type { Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import { DomainError } from '../../platform/errors.js';
import { returnHomeKinds, stateGuardianshipBases } from './model.js';
import { latestPayload } from './store.js';

type Trx = Transaction<Database>;

/**
 * The return-home gate (DOMAIN §3): a child under temporary or long-term state guardianship goes
 * home only after a return-home assessment found that she may. The assessment is the episode's own
 * `assess_return_home` action (assessor, date, finding, summary), the latest one deciding.
 *
 * Seam: the guardianship assessment engine (built separately) records its conclusion through
 * `actOnPlacementIn(uow, id, { type: 'assess_return_home', … })`, so this gate reads one place
 * whichever way the assessment was made.
 */
export async function requireReturnHomeAssessment(
  trx: Trx,
  episode: { id: string; legalBasis: string },
  nextKind: string,
): Promise<void> {
  if (!(stateGuardianshipBases as readonly string[]).includes(episode.legalBasis)) return;
  if (!(returnHomeKinds as readonly string[]).includes(nextKind)) return;
  const assessment = await latestPayload(trx, episode.id, 'assess_return_home');
  if (!assessment) throw new DomainError('placements.return_home_unassessed', 409, { legalBasis: episode.legalBasis });
  if (assessment.finding !== 'return_home')
    throw new DomainError('placements.return_home_not_advised', 409, {
      assessedOn: String(assessment.assessedOn ?? ''),
      assessor: String(assessment.assessor ?? ''),
    });
}

/** An assessment is recorded once it was made: its day is not after today (Beijing time). */
export function assessedOnProblem(assessedOn: string, today: string): DomainError | undefined {
  if (assessedOn <= today) return undefined;
  return new DomainError('placements.assessed_in_future', 400, { field: 'body.assessedOn', assessedOn }, [
    { path: 'body.assessedOn', code: 'placements.assessed_in_future', params: { assessedOn } },
  ]);
}
