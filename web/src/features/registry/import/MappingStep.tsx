import { Alert, Button, Form, InputNumber, Select, Table } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { describeApiError } from '../../../app/api/describeApiError';
import { FormSelect } from '../../../app/forms/FormSelect';
import { TableFrame } from '../../../app/list/TableFrame';
import { usePhoneLayout } from '../../../app/preferences/usePhoneLayout';
import { type IgnoredColumn, ledgerFields, saveMapping, type ImportColumn, type LedgerImport } from '../api/importApi';
import { codeText } from '../labels';

export const columnLetter = (index: number): string =>
  index <= 0 ? '' : columnLetter(Math.floor((index - 1) / 26)) + String.fromCharCode(65 + ((index - 1) % 26));

/** "B 序号、F 备注": the columns nothing is imported from, by letter and header. */
export const ignoredList = (columns: readonly IgnoredColumn[]): string =>
  columns.map((column) => `${columnLetter(column.index)}${column.header ? ` ${column.header}` : ''}`).join('、');

/** Step 2: which column holds what; the header row and the sheet, as recognised, for the user to correct. */
export function MappingStep({
  batch,
  onSaved,
  onBack,
}: {
  batch: LedgerImport;
  onSaved: (batch: LedgerImport) => Promise<void>;
  onBack: () => void;
}) {
  const { t } = useTranslation();
  const [sheet, setSheet] = useState(batch.sheet ?? batch.sheets[0]?.name ?? '');
  const [headerRow, setHeaderRow] = useState<number>(batch.headerRow ?? 1);
  const [fields, setFields] = useState<Record<number, string | null>>(() =>
    Object.fromEntries(batch.columns.map((column) => [column.index, column.field])),
  );
  const [failure, setFailure] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const used = new Map<string, number>();
  for (const field of Object.values(fields)) if (field) used.set(field, (used.get(field) ?? 0) + 1);
  const twice = [...used].filter(([, count]) => count > 1).map(([field]) => field);
  const missingName = !used.has('name');
  // As chosen on screen, before saving (the server lists the same once saved: batch.ignoredColumns).
  const ignored = batch.columns.filter(
    (column) => !fields[column.index] && (column.header !== '' || column.samples.some((sample) => sample !== '')),
  );

  async function save(changedHeader: boolean) {
    setSaving(true);
    setFailure(null);
    // A new header row keeps the chosen columns; the answer shows what their headers now say.
    const mapping: Record<string, number> = {};
    for (const [index, field] of Object.entries(fields)) if (field) mapping[field] = Number(index);
    try {
      const saved = await saveMapping(batch.id, { version: batch.version, sheet, headerRow, mapping });
      if (changedHeader) setFields(Object.fromEntries(saved.columns.map((column) => [column.index, column.field])));
      await onSaved(saved);
    } catch (error) {
      setFailure(describeApiError(error, t));
    } finally {
      setSaving(false);
    }
  }

  const phone = usePhoneLayout();
  const fieldOptions = ledgerFields.map((field) => ({ value: field, label: t(`registry.ledgerField.${field}`) }));
  const fieldSelect = (column: ImportColumn): ReactNode => (
    <div className="haven-mapping-select">
      <FormSelect
        aria-label={t('registry.import.fieldOf', { column: `${columnLetter(column.index)} ${column.header}` })}
        allowClear
        placeholder={t('registry.import.ignored')}
        value={fields[column.index] ?? undefined}
        onChange={(value) =>
          setFields((current) => ({ ...current, [column.index]: (value as string | undefined) ?? null }))
        }
        options={fieldOptions}
        status={fields[column.index] && twice.includes(fields[column.index] ?? '') ? 'error' : undefined}
      />
    </div>
  );
  return (
    <section aria-label={t('registry.import.steps.mapping')}>
      {batch.notices.map((notice) => (
        <Alert
          key={notice.code}
          type="warning"
          showIcon
          className="haven-form-alert"
          message={notice.message ?? codeText(t, notice.code, notice.params)}
        />
      ))}
      {ignored.length > 0 && (
        <Alert
          type="info"
          showIcon
          className="haven-form-alert"
          message={t('registry.import.ignoredColumns', { columns: ignoredList(ignored) })}
        />
      )}
      {failure && <Alert type="error" showIcon role="alert" className="haven-form-alert" message={failure} />}
      <Form layout="vertical" className="haven-query-form">
        {batch.sheets.length > 1 && (
          <Form.Item label={t('registry.import.sheet')} htmlFor="import-sheet">
            <Select
              id="import-sheet"
              value={sheet}
              onChange={setSheet}
              options={batch.sheets.map((item) => ({ value: item.name, label: item.name }))}
            />
          </Form.Item>
        )}
        <Form.Item
          label={t('registry.import.headerRow')}
          htmlFor="import-header-row"
          extra={t('registry.import.headerRowHint')}
        >
          <InputNumber
            id="import-header-row"
            min={1}
            max={50}
            value={headerRow}
            onChange={(value) => setHeaderRow(value ?? 1)}
          />
        </Form.Item>
        <Form.Item label=" ">
          <Button
            onClick={() => void save(true)}
            loading={saving}
            disabled={headerRow === batch.headerRow && sheet === batch.sheet}
          >
            {t('registry.import.applyHeader')}
          </Button>
        </Form.Item>
      </Form>
      {phone ? (
        <ul className="haven-mapping-list" aria-label={t('registry.import.columnsTable')}>
          {batch.columns.map((column) => (
            <li key={column.index}>
              <p className="haven-mapping-head">
                <span className="haven-code">{columnLetter(column.index)}</span> {column.header || '—'}
              </p>
              <p className="haven-secondary">{column.samples.slice(0, 3).join(' / ') || '—'}</p>
              {fieldSelect(column)}
            </li>
          ))}
        </ul>
      ) : (
        <TableFrame label={t('registry.import.columnsTable')}>
          <Table<ImportColumn>
            rowKey="index"
            size="small"
            pagination={false}
            scroll={{ x: 'max-content' }}
            dataSource={batch.columns}
            columns={[
              {
                key: 'col',
                title: t('registry.import.column'),
                render: (_, column) => <span className="haven-code">{columnLetter(column.index)}</span>,
              },
              { key: 'header', title: t('registry.import.header'), render: (_, column) => column.header || '—' },
              {
                key: 'samples',
                title: t('registry.import.samples'),
                render: (_, column) => (
                  <span className="haven-secondary">{column.samples.slice(0, 3).join(' / ') || '—'}</span>
                ),
              },
              {
                key: 'field',
                title: t('registry.import.field'),
                render: (_, column) => fieldSelect(column),
              },
            ]}
          />
        </TableFrame>
      )}
      {twice.length > 0 && (
        <Alert
          type="error"
          showIcon
          role="alert"
          className="haven-form-alert"
          message={t('registry.import.fieldTwice', {
            fields: twice.map((field) => codeText(t, `registry.ledgerField.${field}`)).join('、'),
          })}
        />
      )}
      {missingName && (
        <Alert
          type="error"
          showIcon
          role="alert"
          className="haven-form-alert"
          message={t('registry.import.nameMissing')}
        />
      )}
      <div className="haven-section-actions">
        <Button onClick={onBack}>{t('registry.import.startOver')}</Button>
        <Button
          type="primary"
          loading={saving}
          disabled={twice.length > 0 || missingName}
          onClick={() => void save(false)}
        >
          {t('registry.import.runDry')}
        </Button>
      </div>
    </section>
  );
}
