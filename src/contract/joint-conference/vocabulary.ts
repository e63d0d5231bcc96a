/* The joint conference (联席会议) vocabulary: meeting levels and statuses, agenda sources, attendance, action items. Pure. */

export const conferenceLevels = ['city', 'county'] as const;
export type ConferenceLevel = (typeof conferenceLevels)[number];

export const meetingStatuses = ['planned', 'held', 'minutes_approved'] as const;
export type MeetingStatus = (typeof meetingStatuses)[number];

/** planned → held → minutes approved; each step once, in order. */
export const meetingSteps = {
  hold: { from: 'planned', to: 'held' },
  approve_minutes: { from: 'held', to: 'minutes_approved' },
} as const;
export type MeetingStep = keyof typeof meetingSteps;

/** What escalated to the conference, each a proposed agenda item with its source; `free` is typed in. */
export const agendaSources = [
  'escalated_clock',
  'overdue_referral',
  'placement_overflow',
  'matrix_gap',
  'free',
] as const;
export type AgendaSource = (typeof agendaSources)[number];

export const attendanceValues = ['present', 'delegate', 'absent'] as const;
export type Attendance = (typeof attendanceValues)[number];

export const actionItemStatuses = ['open', 'done', 'cancelled'] as const;
export type ActionItemStatus = (typeof actionItemStatuses)[number];

/** done: the owner department reports it carried out; cancel: the convener withdraws the decision. */
export const actionItemSteps = ['done', 'cancel'] as const;
export type ActionItemStep = (typeof actionItemSteps)[number];

export const actionItemClockRule = 'conference.action_item';

export const vocabularyLabels = {
  level: { city: { zh: '市级', en: 'City' }, county: { zh: '县（市、区）级', en: 'County' } },
  status: {
    planned: { zh: '筹备中', en: 'Planned' },
    held: { zh: '已召开', en: 'Held' },
    minutes_approved: { zh: '纪要已审定', en: 'Minutes approved' },
  },
  source: {
    escalated_clock: { zh: '逾期升级事项', en: 'Escalated overdue deadline' },
    overdue_referral: { zh: '转介受阻或逾期', en: 'Blocked or overdue referral' },
    placement_overflow: { zh: '安置机构超员', en: 'Institution over capacity' },
    matrix_gap: { zh: '职责空白', en: 'Gap in the responsibility matrix' },
    free: { zh: '其他议题', en: 'Other item' },
  },
  attendance: {
    present: { zh: '出席', en: 'Present' },
    delegate: { zh: '委派代表', en: 'Sent a delegate' },
    absent: { zh: '缺席', en: 'Absent' },
  },
  actionItemStatus: {
    open: { zh: '办理中', en: 'Open' },
    done: { zh: '已办结', en: 'Done' },
    cancelled: { zh: '已撤销', en: 'Cancelled' },
  },
} as const;
