/** The states of a deadline (invariant 4: clocks are rows). */
export const clockStates = ['running', 'met', 'missed', 'paused'] as const;
export type ClockState = (typeof clockStates)[number];

/** Who hears of an escalation level: the names of the levels of the chain, in their usual order. */
export const escalationTargets = ['owner', 'director', 'supervisor', 'civil_affairs', 'joint_conference'] as const;
export type EscalationTarget = (typeof escalationTargets)[number];

/** What a clock may measure: any step of a child-centred workflow. */
export const clockSubjectTypes = [
  'report_recipient',
  'case',
  'referral',
  'placement',
  'visit',
  'application',
  'recommendation',
  'action_item',
  'assessment',
  'volunteer',
  'guidance_session',
  'entrusted_care',
  'supervision_log',
] as const;
export type ClockSubjectType = (typeof clockSubjectTypes)[number];
