import { CheckOutlined, CloseOutlined, PlusOutlined, StopOutlined } from '@ant-design/icons';
import { Alert, Button, Card, DatePicker, Empty, Form, Input, Table, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../../app/format';
import { FormSelect } from '../../../app/forms/FormSelect';
import { manualCategoryCodes } from '@contract/registry/vocabulary.js';
import { fileCommands, useRefreshChild, type CategoryMembership, type ChildFile } from '../api/fileApi';
import { codeText } from '../labels';
import { ReasonModal } from '../ReasonModal';

type Dialog = { kind: 'confirm' | 'reject' | 'end'; membership: CategoryMembership } | { kind: 'add' };
const iso = (value: unknown) => (dayjs.isDayjs(value) ? (value as Dayjs).format('YYYY-MM-DD') : null);

/** Categories (分类保障): rule proposals to confirm or reject, memberships to end, and the measures they give. */
export function CategoriesTab({ file, canDecide, canAdd }: { file: ChildFile; canDecide: boolean; canAdd: boolean }) {
  const { t } = useTranslation();
  const refresh = useRefreshChild();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const proposals = file.categoryMemberships.filter((membership) => membership.state === 'proposed');
  const confirmed = file.categoryMemberships.filter((membership) => membership.state === 'confirmed');
  const past = file.categoryMemberships.filter(
    (membership) => membership.state === 'rejected' || membership.state === 'ended',
  );
  const evidenceText = (membership: CategoryMembership) =>
    membership.evidence ??
    (membership.proposal?.evidence
      ? codeText(t, membership.proposal.evidence.code, membership.proposal.evidence.params)
      : '—');
  const name = (membership: CategoryMembership) => t(`registry.category.${membership.category}`);

  async function act(values: Record<string, unknown>) {
    if (!dialog) return;
    if (dialog.kind === 'add')
      await fileCommands.addCategory(file.id, {
        category: values.category,
        evidence: String(values.evidence ?? '').trim(),
        startDate: iso(values.startDate),
      });
    else if (dialog.kind === 'confirm')
      await fileCommands.confirmCategory(file.id, dialog.membership.id, {
        version: dialog.membership.version,
        evidence: String(values.evidence ?? '').trim(),
        startDate: iso(values.startDate),
      });
    else if (dialog.kind === 'reject')
      await fileCommands.rejectCategory(file.id, dialog.membership.id, {
        version: dialog.membership.version,
        reason: values.reason,
      });
    else
      await fileCommands.endCategory(file.id, dialog.membership.id, {
        version: dialog.membership.version,
        reason: values.reason,
        endDate: iso(values.endDate),
      });
    await refresh(file.id);
  }

  const titles: Record<Dialog['kind'], string> = {
    add: t('registry.categories.addTitle'),
    confirm:
      dialog && dialog.kind !== 'add'
        ? t('registry.categories.confirmTitle', { category: name(dialog.membership) })
        : '',
    reject:
      dialog && dialog.kind !== 'add'
        ? t('registry.categories.rejectTitle', { category: name(dialog.membership) })
        : '',
    end:
      dialog && dialog.kind !== 'add' ? t('registry.categories.endTitle', { category: name(dialog.membership) }) : '',
  };

  return (
    <>
      <h3>{t('registry.categories.proposals')}</h3>
      {proposals.length === 0 && <p className="haven-secondary">{t('registry.categories.noProposals')}</p>}
      {proposals.map((membership) => (
        <Card
          key={membership.id}
          size="small"
          className="haven-member"
          title={
            <span className="haven-tags">
              <Tag color="warning">{t('registry.categoryState.proposed')}</Tag>
              {name(membership)}
            </span>
          }
        >
          <p>
            {t('registry.categories.evidence')}: {evidenceText(membership)}
          </p>
          {canDecide && (
            <div className="haven-section-actions haven-no-print">
              <Button
                type="primary"
                icon={<CheckOutlined aria-hidden />}
                onClick={() => setDialog({ kind: 'confirm', membership })}
                aria-label={t('registry.categories.confirmOf', { category: name(membership) })}
              >
                {t('registry.categories.confirm')}
              </Button>
              <Button
                icon={<CloseOutlined aria-hidden />}
                onClick={() => setDialog({ kind: 'reject', membership })}
                aria-label={t('registry.categories.rejectOf', { category: name(membership) })}
              >
                {t('registry.categories.reject')}
              </Button>
            </div>
          )}
        </Card>
      ))}

      <h3>{t('registry.categories.confirmed')}</h3>
      {canAdd && (
        <div className="haven-section-actions haven-no-print">
          <Button icon={<PlusOutlined aria-hidden />} onClick={() => setDialog({ kind: 'add' })}>
            {t('registry.categories.add')}
          </Button>
        </div>
      )}
      {confirmed.length === 0 ? (
        <Empty description={t('registry.categories.none')} />
      ) : (
        confirmed.map((membership) => (
          <Card
            key={membership.id}
            size="small"
            className="haven-member"
            title={
              <span className="haven-tags">
                <Tag color="success">{t('registry.categoryState.confirmed')}</Tag>
                {name(membership)}
              </span>
            }
          >
            {!membership.stillSupported && (
              <Alert
                type="warning"
                showIcon
                className="haven-form-alert"
                message={t('registry.categories.notSupported')}
              />
            )}
            <p>
              {t('registry.categories.since', { date: formatDate(membership.startDate, t) })} ·{' '}
              {t('registry.categories.evidence')}: {evidenceText(membership)}
            </p>
            {canDecide && (
              <Button
                icon={<StopOutlined aria-hidden />}
                className="haven-no-print"
                onClick={() => setDialog({ kind: 'end', membership })}
                aria-label={t('registry.categories.endOf', { category: name(membership) })}
              >
                {t('registry.categories.end')}
              </Button>
            )}
          </Card>
        ))
      )}

      <h3>{t('registry.categories.entitlements')}</h3>
      {file.entitlements.length === 0 ? (
        <p className="haven-secondary">{t('registry.categories.noEntitlements')}</p>
      ) : (
        <ul>
          {file.entitlements.map((entitlement) => (
            <li key={entitlement.measure}>
              <strong>{codeText(t, `registry.measure.${entitlement.measure}`)}</strong>
              {entitlement.categories.length > 0 && (
                <span className="haven-secondary">
                  {' '}
                  ({entitlement.categories.map((code) => t(`registry.category.${code}`)).join('、')})
                </span>
              )}
            </li>
          ))}
        </ul>
      )}

      {past.length > 0 && (
        <>
          <h3>{t('registry.categories.past')}</h3>
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            scroll={{ x: 'max-content' }}
            dataSource={past}
            columns={[
              { key: 'category', title: t('registry.categoryLabel'), render: (_, membership) => name(membership) },
              {
                key: 'state',
                title: t('registry.statusLabel'),
                render: (_, membership) => t(`registry.categoryState.${membership.state}`),
              },
              {
                key: 'when',
                title: t('registry.categories.when'),
                render: (_, membership) => formatDate(membership.endDate ?? membership.decidedAt, t),
              },
              {
                key: 'reason',
                title: t('registry.reason'),
                render: (_, membership) => membership.endReason ?? membership.decisionReason ?? '—',
              },
            ]}
          />
        </>
      )}

      <ReasonModal
        open={dialog !== null}
        danger={dialog?.kind === 'reject' || dialog?.kind === 'end'}
        noReason={dialog?.kind === 'confirm' || dialog?.kind === 'add'}
        title={dialog ? titles[dialog.kind] : ''}
        okText={
          dialog?.kind === 'reject'
            ? t('registry.categories.reject')
            : dialog?.kind === 'end'
              ? t('registry.categories.end')
              : t('registry.categories.confirm')
        }
        initialValues={
          dialog?.kind === 'confirm'
            ? { evidence: evidenceText(dialog.membership), startDate: dayjs() }
            : dialog?.kind === 'end' || dialog?.kind === 'add'
              ? { endDate: dayjs(), startDate: dayjs() }
              : undefined
        }
        onClose={() => setDialog(null)}
        onSubmit={act}
      >
        {dialog?.kind === 'add' && (
          <Form.Item
            name="category"
            label={t('registry.categoryLabel')}
            rules={[{ required: true, message: t('registry.categories.categoryRequired') }]}
          >
            <FormSelect
              options={manualCategoryCodes.map((code) => ({ value: code, label: t(`registry.category.${code}`) }))}
            />
          </Form.Item>
        )}
        {(dialog?.kind === 'add' || dialog?.kind === 'confirm') && (
          <>
            <Form.Item
              name="evidence"
              label={t('registry.categories.evidence')}
              rules={[{ required: true, whitespace: true, message: t('registry.categories.evidenceRequired') }]}
            >
              <Input.TextArea rows={3} maxLength={1000} />
            </Form.Item>
            <Form.Item
              name="startDate"
              label={t('registry.categories.startDate')}
              rules={[{ required: true, message: t('registry.categories.dateRequired') }]}
            >
              <DatePicker className="haven-full-width" placeholder={t('registry.form.datePlaceholder')} />
            </Form.Item>
          </>
        )}
        {dialog?.kind === 'end' && (
          <Form.Item
            name="endDate"
            label={t('registry.categories.endDate')}
            rules={[{ required: true, message: t('registry.categories.dateRequired') }]}
          >
            <DatePicker className="haven-full-width" placeholder={t('registry.form.datePlaceholder')} />
          </Form.Item>
        )}
      </ReasonModal>
    </>
  );
}
