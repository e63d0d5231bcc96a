import type { Kysely } from 'kysely';
import type { Actor } from '../../../platform/access/actor.js';
import type { Database } from '../../../platform/db/schema.js';
import type { Locale } from '../../../platform/i18n/locale.js';
import { translate } from '../../../platform/i18n/translate.js';
import { readChildFile } from '../child-file.js';
import type { ChildFile } from '../../../contract/registry/child.js';
import '../messages.js';
import './export-messages.js';
import './pdf-messages.js';
import { systemScope } from '../../../core/scope/system-scope.js';
import { chinaTime, cjkDocument } from '../../../platform/pdf/cjk-document.js';

/**
 * The one-child file as a PDF: identity, family, categories and entitlements, recent timeline.
 * The read goes through the registry's own file read, so it is scoped, masked and audited alike.
 */
export async function childFilePdf(
  db: Kysely<Database>,
  actor: Actor,
  id: string,
  options: { unmask: boolean; locale: Locale },
): Promise<{ file: Buffer; fileName: string }> {
  const child = await readChildFile(db, actor, id, { unmask: options.unmask });
  const timeline = await db
    .selectFrom('child_timeline')
    .where(systemScope('the child readChildFile read through childInScope above'))
    .select(['occurred_at', 'kind', 'actor_label', 'reason'])
    .where('child_id', '=', id)
    .orderBy('occurred_at', 'desc')
    .limit(15)
    .execute();
  const t = (key: string, params: Record<string, string | number> = {}) => translate(options.locale, key, params);
  const { doc, finish } = cjkDocument({ size: 'A4', margin: 50, info: { Title: `${child.name} ${child.havenCode}` } });

  doc.fontSize(18).text(`${t('ledger.pdf.title')} · ${child.name}`);
  doc
    .fontSize(10)
    .fillColor('#555')
    .text(`${child.havenCode}   ${t('ledger.pdf.printed')}: ${chinaTime(new Date())}`);
  if (child.masked) doc.text(t('ledger.pdf.masked'));
  doc.fillColor('black').moveDown();

  section(doc, t('ledger.pdf.identity'));
  const line = (label: string, value: string | number | null | undefined) =>
    doc.fontSize(10).text(`${label}：${value === null || value === undefined || value === '' ? '—' : value}`);
  line(
    t('ledger.export.name'),
    child.name + (child.formerNames.length > 0 ? `（${child.formerNames.join('、')}）` : ''),
  );
  line(t('ledger.export.sex'), child.sex ? t(`ledger.sex.${child.sex}`) : null);
  line(
    t('ledger.export.birth_date'),
    child.birthDate ? `${child.birthDate}${child.age !== null ? ` (${child.age})` : ''}` : null,
  );
  line(t('ledger.export.id_number'), child.idNumber);
  line(t('ledger.export.residence'), placeText(child.residence));
  line(t('ledger.export.address'), child.address);
  line(t('ledger.pdf.school'), [child.school, child.grade].filter(Boolean).join(' '));
  line(
    t('ledger.pdf.health'),
    [
      child.health.disabilityType,
      child.health.disabilityGrade ? `${child.health.disabilityGrade}` : null,
      child.health.seriousIllness,
    ]
      .filter(Boolean)
      .join(' · '),
  );
  line(t('ledger.export.status'), t(`ledger.status.${child.status}`));

  section(doc, t('ledger.pdf.family'));
  if (child.family.length === 0) doc.fontSize(10).text(t('ledger.pdf.none'));
  for (const member of child.family) {
    const situations = member.situations
      .map((s) =>
        [translate(options.locale, `registry.situation.${s.kind}`), s.since, s.until].filter(Boolean).join(' '),
      )
      .join('；');
    doc
      .fontSize(10)
      .text(
        `${member.name}（${relationText(member.relation, t)}${member.isGuardian ? ` · ${t('ledger.pdf.guardian')}` : ''}）  ${member.phone ?? ''}  ${situations}`,
      );
  }

  section(doc, t('ledger.pdf.categories'));
  const live = child.categories.filter((c) => c.state === 'confirmed' || c.state === 'proposed');
  if (live.length === 0) doc.fontSize(10).text(t('ledger.pdf.none'));
  for (const c of live)
    doc
      .fontSize(10)
      .text(
        `${t(`ledger.category.${c.category}`)}（${translate(options.locale, `registry.category_state.${c.state}`)}）${c.startDate ? ` ${c.startDate}` : ''}`,
      );
  if (child.entitlements.length > 0)
    doc
      .fontSize(10)
      .text(
        `${t('ledger.pdf.entitlements')}：${child.entitlements.map((e) => t(`ledger.measure.${e.measure}`)).join('、')}`,
      );

  section(doc, t('ledger.pdf.timeline'));
  if (timeline.length === 0) doc.fontSize(10).text(t('ledger.pdf.none'));
  for (const entry of timeline)
    doc
      .fontSize(9)
      .text(
        `${chinaTime(new Date(entry.occurred_at))}  ${entry.kind}  ${entry.actor_label}${entry.reason ? `  ${entry.reason}` : ''}`,
      );

  return { file: await finish(), fileName: `${child.havenCode}.pdf` };
}

function section(doc: PDFKit.PDFDocument, title: string): void {
  doc.moveDown(0.6).fontSize(13).fillColor('#1f3a5f').text(title).fillColor('black').moveDown(0.2);
}

function placeText(place: ChildFile['residence']): string {
  return place.path.length > 0 ? place.path.map((p) => p.name).join(' ') : (place.name ?? place.code);
}

function relationText(relation: string, t: (key: string) => string): string {
  const key = `ledger.relation.${relation}`;
  const text = t(key);
  return text === key ? relation : text;
}
