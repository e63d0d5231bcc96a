import type { ComponentType } from 'react';
import type { UserActionType } from '@contract/cases/vocabulary.js';
import type { Obj } from '../formValues';
import { AssessmentFields, assessmentBody } from './AssessmentFields';
import { EmergencyFields, emergencyBody } from './EmergencyFields';
import { now, today } from './fieldKit';
import { InterventionFields, interventionBody } from './InterventionFields';
import { PlanFields, planBody } from './PlanFields';
import {
  ClosureFields,
  closureBody,
  ConferenceFields,
  conferenceBody,
  NoteFields,
  noteBody,
  ParticipantFields,
  participantBody,
  ReasonFields,
  reasonBody,
} from './SimpleFields';

export interface ActionForm {
  Fields: ComponentType;
  body: (values: Obj) => Obj;
  initial?: () => Obj;
  /** Long forms open in a drawer, short ones in a dialog. */
  long?: boolean;
  /** Styled as the page's main next step or as a warning (approve / reject). */
  danger?: boolean;
}

/** The form for each action the server may allow. */
export const actionForms: Record<UserActionType, ActionForm> = {
  acknowledge: { Fields: NoteFields, body: noteBody },
  emergency_response: {
    Fields: EmergencyFields,
    body: emergencyBody,
    initial: () => ({ attendedAt: now(), measures: [] }),
    long: true,
  },
  assessment: { Fields: AssessmentFields, body: assessmentBody, long: true },
  assistance_plan: { Fields: PlanFields, body: planBody, long: true },
  case_conference: { Fields: ConferenceFields, body: conferenceBody, initial: () => ({ heldOn: today() }) },
  guardianship_intervention: {
    Fields: InterventionFields,
    body: interventionBody,
    initial: () => ({ issuedOn: today(), startedOn: today(), filedOn: today(), assessedOn: today() }),
    long: true,
  },
  add_participant: { Fields: ParticipantFields, body: participantBody },
  start_monitoring: { Fields: NoteFields, body: noteBody },
  request_closure: { Fields: ClosureFields, body: closureBody },
  approve_closure: { Fields: NoteFields, body: noteBody },
  reject_closure: { Fields: ReasonFields, body: reasonBody, danger: true },
  reopen: { Fields: ReasonFields, body: reasonBody },
};
