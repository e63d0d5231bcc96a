import { actingAs } from './acting-as.js';
import type { UnitOfWork } from '../platform/db/unit-of-work.js';
import type { ActionInput, OpenCaseInput } from '../features/cases/model.js';
import { actOnCaseIn, openCaseIn } from '../features/cases/service.js';
import type { SubmitReportInput } from '../features/reports/model.js';
import { acknowledgeReportIn, submitReportIn } from '../features/reports/service.js';
import { demoOrganisations } from './jingzhou-organisations.js';

type ActionBody<T extends ActionInput['type']> = Omit<Extract<ActionInput, { type: T }>, 'type' | 'expectedSeq'>;

export const hour = 3_600_000;
export const day = 24 * hour;

/** The demo's people doing the real report and case actions, each at the past moment it is given. */
export async function demoContext(uow: UnitOfWork) {
  const { trx } = uow;
  const organisations = new Map(
    (await trx.selectFrom('organisations').select(['id', 'name']).execute()).map((o) => [o.name, o.id]),
  );
  const orgIds = new Map(demoOrganisations.map((o) => [o.key, organisations.get(o.name)!]));
  const as = actingAs(uow);
  return {
    org: (key: string) => orgIds.get(key)!,
    report: async (username: string, at: Date, input: SubmitReportInput) =>
      (await submitReportIn(await as(username), input, at)).id,
    acknowledge: async (username: string, reportId: string, at: Date) =>
      void (await acknowledgeReportIn(await as(username), reportId, at)),
    open: async (username: string, at: Date, input: Partial<OpenCaseInput>) => {
      const { caseId } = await openCaseIn(await as(username), { reportIds: [], participantIds: [], ...input }, at);
      let seq = 1;
      let clock = at.getTime();
      return {
        /** An action `hoursLater` after the opening. */
        act: async <T extends ActionInput['type']>(actor: string, hoursLater: number, type: T, body: ActionBody<T>) => {
          const when = new Date(at.getTime() + hoursLater * hour);
          clock = Math.max(clock, when.getTime());
          ({ seq } = await actOnCaseIn(
            await as(actor),
            caseId,
            { ...body, type, expectedSeq: seq } as ActionInput,
            new Date(clock),
          ));
        },
      };
    },
  };
}
