import type { AssistanceChange, HouseholdAssistance } from '../../contract/department-rolls/vocabulary.js';

/* The cells of a 低保/特困 roll (pure): which assistance, and whether the household entered or left it. */

/** 特困 is read before 低保: "特困供养" and "低保（特困）" rows are 特困. */
export function readAssistance(text: string): HouseholdAssistance | null {
  if (/特困|供养|tekun/i.test(text)) return 'tekun';
  if (/低保|最低生活保障|dibao/i.test(text)) return 'dibao';
  return null;
}

/** A change column: leaving words first ("停保", "退出"), then entering ones; empty is entering. */
export function readChange(text: string): AssistanceChange | null {
  if (/退|停|取消|注销|终止|减少|left|ended|removed|stopped/i.test(text)) return 'left';
  if (text === '' || /新增|纳入|在保|正常|续保|增加|entered|new|continu|active/i.test(text)) return 'entered';
  return null;
}
