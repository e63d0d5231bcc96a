import { EditOutlined } from '@ant-design/icons';
import { Alert, Button, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../app/api/client';
import { describeApiError } from '../../../app/api/describeApiError';
import { fileCommands, readChildFile, useRefreshChild, type ChildFile } from '../api/fileApi';
import { IdentityEditForm } from './IdentityEditForm';
import {
  apiValue,
  changedFields,
  identityFields,
  toValues,
  unmaskedOnly,
  type IdentityField,
  type IdentityValues,
} from './identityForm';
import { fieldText, IdentityView } from './IdentityView';

interface Conflict {
  mine: Partial<IdentityValues>;
  fields: IdentityField[];
  current: ChildFile;
}

/** Identity, where, health: read, or edit with a reason; someone else's save in between is shown, not overwritten. */
export function IdentityTab({ file, canEdit }: { file: ChildFile; canEdit: boolean }) {
  const { t } = useTranslation();
  const refresh = useRefreshChild();
  const [editing, setEditing] = useState(false);
  // What the edit started from: its version goes with the save.
  const [base, setBase] = useState<ChildFile>(file);
  const [start, setStart] = useState<Partial<IdentityValues>>(toValues(file));
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const editable = identityFields.filter((field) => !file.masked || !unmaskedOnly.includes(field));

  function beginEdit() {
    setBase(file);
    setStart(toValues(file));
    setConflict(null);
    setFailure(null);
    setEditing(true);
  }

  async function save(values: IdentityValues): Promise<boolean> {
    setFailure(null);
    const fields = changedFields(toValues(base), values, editable);
    if (fields.length === 0) {
      setEditing(false);
      return true;
    }
    const body: Record<string, unknown> = { version: base.version, reason: values.reason?.trim() ?? '' };
    for (const field of fields) body[field] = apiValue(values, field);
    try {
      await fileCommands.update(file.id, body);
      await refresh(file.id);
      setEditing(false);
      return true;
    } catch (error) {
      if (error instanceof ApiError && error.status === 409 && error.code === 'stale_version') {
        const current = await readChildFile(file.id, !file.masked);
        setConflict({ mine: values, fields, current });
        void refresh(file.id);
      } else setFailure(describeApiError(error, t));
      throw error;
    }
  }

  function reapply(current: ChildFile, mine: Partial<IdentityValues>, fields: IdentityField[]) {
    const next: Partial<IdentityValues> = { ...toValues(current), reason: mine.reason ?? '' };
    for (const field of fields) Object.assign(next, { [field]: mine[field] });
    setBase(current);
    setStart(next);
    setConflict(null);
  }

  if (!editing) {
    return (
      <>
        {canEdit && (
          <div className="haven-section-actions haven-no-print">
            <Button type="primary" icon={<EditOutlined aria-hidden />} onClick={beginEdit}>
              {t('registry.file.edit')}
            </Button>
          </div>
        )}
        <IdentityView file={file} />
      </>
    );
  }

  return (
    <>
      {conflict && (
        <Alert
          type="warning"
          showIcon
          role="alert"
          className="haven-form-alert"
          message={t('registry.file.conflictTitle')}
          description={
            <>
              <p>{t('registry.file.conflictText', { version: conflict.current.version })}</p>
              <Table
                className="haven-conflict-table"
                size="small"
                pagination={false}
                rowKey="field"
                dataSource={conflict.fields.map((field) => ({
                  field,
                  mine: fieldText(t, field, conflict.mine),
                  now: fieldText(t, field, toValues(conflict.current)),
                }))}
                columns={[
                  {
                    key: 'field',
                    title: t('registry.file.conflictField'),
                    render: (_, row) => t(`registry.field.${row.field}`),
                  },
                  { key: 'mine', title: t('registry.file.conflictMine'), dataIndex: 'mine' },
                  { key: 'now', title: t('registry.file.conflictNow'), dataIndex: 'now' },
                ]}
              />
              <div className="haven-section-actions">
                <Button type="primary" onClick={() => reapply(conflict.current, conflict.mine, conflict.fields)}>
                  {t('registry.file.reapply')}
                </Button>
                <Button onClick={() => setEditing(false)}>{t('registry.file.discardMine')}</Button>
              </div>
            </>
          }
        />
      )}
      {failure && <Alert type="error" showIcon role="alert" className="haven-form-alert" message={failure} />}
      <IdentityEditForm
        key={`${base.version}-${JSON.stringify(start.reason ?? '')}`}
        initial={start}
        masked={file.masked}
        saving={false}
        onSave={save}
        onCancel={() => setEditing(false)}
      />
    </>
  );
}
