import type { Sweep } from '../../platform/jobs/sweeps.js';
import { systemActor } from '../../platform/access/actor.js';
import { unitOfWork } from '../../platform/db/unit-of-work.js';
import { assignResidenceDirectors } from './assignments.js';

/** Newly registered (or moved) children get the director of their residence village, as of the sweep. */
export const assignDirectorsSweep: Sweep = {
  name: 'grassroots.assign',
  async run(db, asOf) {
    const actor = systemActor('sweep:grassroots.assign');
    const { result } = await unitOfWork(db, actor, 'roster.assign', async (uow) => {
      const rows = await assignResidenceDirectors(uow.trx, actor, asOf);
      if (rows.length > 0) uow.audit({ entityType: 'child_assignment', details: { assigned: rows.length } });
      return rows.length;
    });
    return { assigned: result };
  },
};
