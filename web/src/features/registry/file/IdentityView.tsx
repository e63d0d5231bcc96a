import { Descriptions } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../../app/format';
import { usePhoneLayout } from '../../../app/preferences/usePhoneLayout';
import { DivisionName } from '../../divisions/DivisionName';
import type { ChildFile } from '../api/fileApi';
import { codeText, RiskTag, sexText } from '../labels';
import { apiValue, type IdentityField, type IdentityValues } from './identityForm';

/** One identity value in words, for the file and for a conflict's "yours / now". */
export function fieldText(t: TFunction, field: IdentityField, values: Partial<IdentityValues>): string {
  const value = apiValue(values, field);
  if (value === null || value === undefined || (Array.isArray(value) && value.length === 0)) return '—';
  switch (field) {
    case 'sex':
      return sexText(t, value === 'male' || value === 'female' ? value : null);
    case 'birthDate':
      return formatDate(String(value), t);
    case 'disabilityType':
      return codeText(t, `registry.disabilityType.${String(value)}`);
    case 'householdBenefits':
      return (value as string[]).map((code) => codeText(t, `registry.benefit.${code}`)).join('、');
    case 'riskGrade':
      return codeText(t, `registry.risk.${String(value)}`);
    case 'formerNames':
      return (value as string[]).join('、');
    default:
      return String(value);
  }
}

export function IdentityView({ file }: { file: ChildFile }) {
  const { t } = useTranslation();
  const phone = usePhoneLayout();
  const dash = (value: string | null) => value ?? '—';
  const items = [
    { key: 'name', label: t('registry.name'), children: file.name },
    { key: 'former', label: t('registry.field.formerNames'), children: file.formerNames.join('、') || '—' },
    { key: 'sex', label: t('registry.sexLabel'), children: sexText(t, file.sex) },
    {
      key: 'birth',
      label: t('registry.birthDate'),
      children: `${formatDate(file.birthDate, t)}${file.age === null ? '' : ` (${t('registry.ageYears', { count: file.age })})`}`,
    },
    { key: 'ethnicity', label: t('registry.field.ethnicity'), children: dash(file.ethnicity) },
    {
      key: 'id',
      label: t('registry.idNumber'),
      children: <span className="haven-code">{file.idNumber ?? t('registry.file.noIdNumber')}</span>,
    },
    {
      key: 'haven',
      label: t('registry.field.havenCode'),
      children: <span className="haven-code">{dash(file.havenCode)}</span>,
    },
    { key: 'phone', label: t('registry.phone'), children: dash(file.phone) },
    {
      key: 'residence',
      label: t('registry.residence'),
      children: file.residenceName ?? (file.residenceCode ? <DivisionName code={file.residenceCode} /> : '—'),
    },
    { key: 'address', label: t('registry.address'), children: dash(file.address) },
    {
      key: 'hukou',
      label: t('registry.hukou'),
      children: file.hukouName ?? (file.hukouCode ? <DivisionName code={file.hukouCode} /> : '—'),
    },
    {
      key: 'school',
      label: t('registry.field.school'),
      children: [file.school, file.grade].filter(Boolean).join(' · ') || '—',
    },
    {
      key: 'disability',
      label: t('registry.field.disability'),
      children: file.disabilityType
        ? `${fieldText(t, 'disabilityType', { disabilityType: file.disabilityType })}${file.disabilityGrade ? ` · ${t('registry.gradeN', { grade: file.disabilityGrade })}` : ''}${file.disabilityCertificate ? ` · ${file.disabilityCertificate}` : ''}`
        : '—',
    },
    { key: 'illness', label: t('registry.field.seriousIllness'), children: dash(file.seriousIllness) },
    {
      key: 'benefits',
      label: t('registry.field.householdBenefits'),
      children: fieldText(t, 'householdBenefits', { householdBenefits: file.householdBenefits }),
    },
    { key: 'risk', label: t('registry.riskLabel'), children: <RiskTag grade={file.riskGrade} /> },
    ...(file.handoffNote
      ? [{ key: 'handoff', label: t('registry.field.handoffNote'), children: file.handoffNote }]
      : []),
  ];
  return (
    <Descriptions
      bordered
      column={phone ? 1 : 2}
      size={phone ? 'small' : 'default'}
      layout={phone ? 'vertical' : 'horizontal'}
      items={items}
    />
  );
}
