import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import type { MeetingView } from '../../contract/joint-conference/views.js';
import type { Actor } from '../../platform/access/actor.js';
import { recordAudit } from '../../platform/audit/append.js';
import type { Database } from '../../platform/db/schema.js';
import type { Locale } from '../../platform/i18n/locale.js';
import { translate } from '../../platform/i18n/translate.js';
import { chinaTime, cjkDocument } from '../../platform/pdf/cjk-document.js';
import { fitCell } from '../../platform/spreadsheet/cells.js';
import { readMeeting } from './view.js';
import './messages.js';

/*
 * The minutes of a meeting, as a PDF (Noto Sans SC embedded) and as an .xlsx with Chinese headers.
 * Minutes are the conference's official record, so they are written in Chinese whatever the
 * reader's interface language; each download is audited with the meeting it exports.
 */

const locale: Locale = 'zh-CN';
const t = (key: string, params: Record<string, string> = {}) => translate(locale, key, params);

async function minutesOf(db: Kysely<Database>, actor: Actor, id: string, format: 'pdf' | 'xlsx') {
  const meeting = await readMeeting(db, { ...actor, locale }, id);
  await recordAudit(db, actor, {
    action: 'conference.minutes_export',
    entityType: 'conference_meeting',
    entityId: id,
    details: { format, status: meeting.status, actionItems: meeting.actionItems.length },
  });
  return meeting;
}

const fileName = (meeting: MeetingView, extension: string) =>
  `minutes-${meeting.meetsOn}-${meeting.id.slice(0, 8)}.${extension}`;

const attendanceText = (entry: MeetingView['attendance'][number]) =>
  entry.attendance
    ? `${t(`conference.attendance.${entry.attendance}`)}${entry.delegateName ? `（${entry.delegateName}）` : ''}`
    : '—';

export async function minutesPdf(
  db: Kysely<Database>,
  actor: Actor,
  id: string,
): Promise<{ file: Buffer; fileName: string }> {
  const meeting = await minutesOf(db, actor, id, 'pdf');
  const title = t('conference.minutes.title', { division: meeting.divisionName });
  const { doc, finish } = cjkDocument({ size: 'A4', margin: 56, info: { Title: title } });
  doc.fontSize(18).text(title, { align: 'center' });
  doc.moveDown(0.5).fontSize(11).text(meeting.title, { align: 'center' });
  doc.moveDown();
  doc.fontSize(10);
  for (const [label, value] of [
    ['conference.minutes.date', meeting.meetsOn],
    ['conference.minutes.place', meeting.place],
    ['conference.minutes.chair', meeting.chair],
    ['conference.minutes.status', t(`conference.status.${meeting.status}`)],
  ] as const)
    doc.text(`${t(label)}：${value}`);

  const heading = (key: string) => doc.moveDown().fontSize(13).text(t(key)).fontSize(10).moveDown(0.3);
  heading('conference.minutes.attendance');
  const attended = meeting.attendance.filter((a) => a.attendance !== null);
  if (attended.length === 0) doc.text(t('conference.minutes.none'));
  for (const entry of attended) doc.text(`${entry.name}　${attendanceText(entry)}`);

  heading('conference.minutes.agenda');
  if (meeting.agenda.length === 0) doc.text(t('conference.minutes.none'));
  for (const item of meeting.agenda)
    doc.text(`${item.position}. ${item.title}　[${t(`conference.source.${item.source}`)}]`);

  if (meeting.summary) {
    heading('conference.minutes.summary');
    doc.text(meeting.summary);
  }

  heading('conference.minutes.decisions');
  if (meeting.actionItems.length === 0) doc.text(t('conference.minutes.none'));
  for (const [index, item] of meeting.actionItems.entries()) {
    doc.text(`${index + 1}. ${item.title}`);
    doc.text(
      `　${t('conference.minutes.owner')}：${item.owner.name}　${t('conference.minutes.due')}：${item.dueOn}　${t('conference.minutes.item_status')}：${t(`conference.actionItemStatus.${item.status}`)}`,
    );
    if (item.detail) doc.text(`　${item.detail}`);
  }
  doc
    .moveDown()
    .fontSize(8)
    .fillColor('#555')
    .text(`${t('conference.minutes.printed')}：${chinaTime(new Date())}`);
  return { file: await finish(), fileName: fileName(meeting, 'pdf') };
}

export async function minutesWorkbook(
  db: Kysely<Database>,
  actor: Actor,
  id: string,
): Promise<{ file: Buffer; fileName: string }> {
  const meeting = await minutesOf(db, actor, id, 'xlsx');
  const workbook = new ExcelJS.Workbook();
  const sheet = (name: string, headers: string[], rows: (string | number)[][], widths: number[]) => {
    const ws = workbook.addWorksheet(t(name));
    ws.addRow(headers.map((h) => t(h)));
    ws.getRow(1).font = { bold: true };
    for (const row of rows) ws.addRow(row.map((cell) => (typeof cell === 'string' ? fitCell(cell) : cell)));
    ws.columns.forEach((column, index) => {
      column.width = widths[index] ?? 16;
    });
  };
  sheet(
    'conference.minutes.sheet_meeting',
    [
      'conference.minutes.meeting',
      'conference.minutes.date',
      'conference.minutes.place',
      'conference.minutes.chair',
      'conference.minutes.status',
      'conference.minutes.summary',
    ],
    [
      [
        meeting.title,
        meeting.meetsOn,
        meeting.place,
        meeting.chair,
        t(`conference.status.${meeting.status}`),
        meeting.summary ?? '',
      ],
    ],
    [36, 12, 24, 12, 14, 60],
  );
  sheet(
    'conference.minutes.sheet_agenda',
    ['conference.minutes.no', 'conference.minutes.item', 'conference.minutes.source'],
    meeting.agenda.map((item) => [item.position, item.title, t(`conference.source.${item.source}`)]),
    [8, 80, 20],
  );
  sheet(
    'conference.minutes.sheet_attendance',
    ['conference.minutes.department', 'conference.minutes.attendance', 'conference.minutes.delegate'],
    meeting.attendance.map((entry) => [
      entry.name,
      entry.attendance ? t(`conference.attendance.${entry.attendance}`) : '—',
      entry.delegateName ?? '',
    ]),
    [36, 14, 16],
  );
  sheet(
    'conference.minutes.sheet_decisions',
    [
      'conference.minutes.no',
      'conference.minutes.item',
      'conference.minutes.owner',
      'conference.minutes.due',
      'conference.minutes.item_status',
    ],
    meeting.actionItems.map((item, index) => [
      index + 1,
      item.title,
      item.owner.name,
      item.dueOn,
      t(`conference.actionItemStatus.${item.status}`),
    ]),
    [8, 60, 30, 12, 12],
  );
  const buffer = await workbook.xlsx.writeBuffer();
  return { file: Buffer.from(buffer as ArrayBuffer), fileName: fileName(meeting, 'xlsx') };
}
