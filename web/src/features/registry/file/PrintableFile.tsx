import { useTranslation } from 'react-i18next';
import { formatDate, formatDateTime } from '../../../app/format';
import type { ChildFile } from '../api/fileApi';
import { codeText, relationText, sexText } from '../labels';
import { SituationLine } from './FamilyTab';

/** The one-file view as paper: every section at once, plain tables, no buttons (shown only when printing). */
export function PrintableFile({ file }: { file: ChildFile }) {
  const { t } = useTranslation();
  const rows: [string, string][] = [
    [t('registry.name'), file.name],
    [t('registry.sexLabel'), sexText(t, file.sex)],
    [t('registry.birthDate'), formatDate(file.birthDate, t)],
    [t('registry.idNumber'), file.idNumber ?? t('registry.file.noIdNumber')],
    [t('registry.field.havenCode'), file.havenCode ?? '—'],
    [t('registry.residence'), file.residenceName ?? file.residenceCode],
    [t('registry.address'), file.address ?? '—'],
    [t('registry.hukou'), file.hukouName ?? file.hukouCode ?? '—'],
    [t('registry.field.school'), [file.school, file.grade].filter(Boolean).join(' ') || '—'],
    [t('registry.riskLabel'), file.riskGrade ? t(`registry.risk.${file.riskGrade}`) : t('registry.risk.none')],
  ];
  return (
    <div className="haven-print-only" aria-hidden>
      <h2>{t('registry.file.tabs.identity')}</h2>
      <table>
        <tbody>
          {rows.map(([label, value]) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              <td>{value}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{t('registry.file.tabs.family')}</h2>
      <table>
        <tbody>
          {file.family.map((member) => (
            <tr key={member.id}>
              <th scope="row">
                {member.name} ({relationText(t, member.relation)})
                {member.isGuardian ? ` · ${t('registry.family.guardian')}` : ''}
              </th>
              <td>
                {member.situations.map((situation) => (
                  <div key={situation.id}>
                    <SituationLine situation={situation} />
                  </div>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{t('registry.file.tabs.categories')}</h2>
      <table>
        <tbody>
          {file.categoryMemberships
            .filter((membership) => membership.state === 'confirmed' || membership.state === 'proposed')
            .map((membership) => (
              <tr key={membership.id}>
                <th scope="row">{t(`registry.category.${membership.category}`)}</th>
                <td>
                  {t(`registry.categoryState.${membership.state}`)} {formatDate(membership.startDate, t)}
                </td>
              </tr>
            ))}
          <tr>
            <th scope="row">{t('registry.categories.entitlements')}</th>
            <td>
              {file.entitlements
                .map((entitlement) => codeText(t, `registry.measure.${entitlement.measure}`))
                .join('、') || '—'}
            </td>
          </tr>
        </tbody>
      </table>
      <p>{t('registry.file.printedAt', { when: formatDateTime(new Date().toISOString(), t) })}</p>
    </div>
  );
}
