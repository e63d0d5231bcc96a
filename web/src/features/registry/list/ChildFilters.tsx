import { Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { DivisionPicker } from '../../divisions/DivisionPicker';
import { categoryCodes, listStatuses, riskGrades } from '@contract/registry/vocabulary.js';

/** The age bands the list offers (a choice of the page, not of the API: it asks for ageMin/ageMax). */
const ageBands = ['0-2', '3-5', '6-11', '12-15', '16-17'] as const;

/** The search box, first in the registry's query form (on a phone the only field not folded away). */
export function ChildSearchField() {
  const { t } = useTranslation();
  return (
    <Form.Item name="q" label={t('registry.search')} className="haven-query-wide" extra={t('registry.searchHint')}>
      <Input
        allowClear
        type="search"
        enterKeyHint="search"
        placeholder={t('registry.searchPlaceholder')}
        maxLength={40}
        autoComplete="off"
      />
    </Form.Item>
  );
}

/** The other fields of the registry's query form (inside QueryForm). */
export function ChildFilters() {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item name="within" label={t('registry.within')} className="haven-query-wide">
        <DivisionPicker />
      </Form.Item>
      <Form.Item name="category" label={t('registry.categoryLabel')}>
        <Select
          allowClear
          placeholder={t('list.any')}
          options={categoryCodes.map((code) => ({ value: code, label: t(`registry.category.${code}`) }))}
        />
      </Form.Item>
      <Form.Item name="riskGrade" label={t('registry.riskLabel')}>
        <Select
          allowClear
          placeholder={t('list.any')}
          options={riskGrades.map((grade) => ({ value: grade, label: t(`registry.risk.${grade}`) }))}
        />
      </Form.Item>
      <Form.Item name="status" label={t('registry.statusLabel')}>
        <Select
          allowClear
          placeholder={t('list.any')}
          options={listStatuses.map((status) => ({ value: status, label: t(`registry.status.${status}`) }))}
        />
      </Form.Item>
      <Form.Item name="age" label={t('registry.ageBand')}>
        <Select
          allowClear
          placeholder={t('list.any')}
          options={ageBands.map((band) => ({
            value: band,
            label: t('registry.ageRange', { range: band.replace('-', '–') }),
          }))}
        />
      </Form.Item>
    </>
  );
}
