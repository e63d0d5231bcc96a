import { Alert, Button, Card, Descriptions, Empty, Form, Pagination, Segmented, Spin, message } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { describeApiError } from '../../../app/api/describeApiError';
import { formatDate } from '../../../app/format';
import { useListParams } from '../../../app/list/useListParams';
import { usePhoneLayout } from '../../../app/preferences/usePhoneLayout';
import { duplicateCommands, duplicatePageSize, useDuplicates, type DuplicatePair } from '../api/duplicatesApi';
import type { ChildSummary } from '../childrenApi';
import { CategoryTags, RiskTag, sexText } from '../labels';
import { RadioField } from '../RadioField';
import { ReasonList } from '../ReasonList';
import { ReasonModal } from '../ReasonModal';
import '../registry.css';

type Dialog = { kind: 'notSame' | 'merge' | 'undo'; pair: DuplicatePair };

/** The file to keep by default: the one with an ID number, else the older one. */
function preferredSurvivor({ a, b }: DuplicatePair): string {
  if (a.idNumber && !b.idNumber) return a.id;
  if (b.idNumber && !a.idNumber) return b.id;
  return (a.havenCode ?? '') <= (b.havenCode ?? '') ? a.id : b.id;
}

function Side({ child, label }: { child: ChildSummary; label: string }) {
  const { t } = useTranslation();
  const phone = usePhoneLayout();
  return (
    <Descriptions
      size="small"
      bordered
      column={1}
      layout={phone ? 'vertical' : 'horizontal'}
      title={
        <span>
          {label}: <Link to={`/registry/${child.id}`}>{child.name}</Link>{' '}
          <span className="haven-code haven-secondary">{child.havenCode}</span>
        </span>
      }
      items={[
        { key: 'sex', label: t('registry.sexLabel'), children: sexText(t, child.sex) },
        { key: 'birth', label: t('registry.birthDate'), children: formatDate(child.birthDate, t) },
        {
          key: 'id',
          label: t('registry.idNumberMasked'),
          children: <span className="haven-code">{child.idNumber ?? '—'}</span>,
        },
        { key: 'residence', label: t('registry.residence'), children: child.residenceName ?? '—' },
        { key: 'categories', label: t('registry.categoryLabel'), children: <CategoryTags codes={child.categories} /> },
        { key: 'risk', label: t('registry.riskLabel'), children: <RiskTag grade={child.riskGrade} /> },
      ]}
    />
  );
}

/** 疑似重复: pairs side by side with the score and the reasons; not the same (remembered), merge, or undo a merge. */
export default function DuplicateQueuePage() {
  const { t } = useTranslation();
  const list = useListParams(['state'] as const);
  const state = list.filters.state ?? 'open';
  const pairs = useDuplicates(state, list.page);
  const queryClient = useQueryClient();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [notice, noticeHolder] = message.useMessage();
  const [undoable, setUndoable] = useState<{ mergeId: string; pair: DuplicatePair } | null>(null);

  async function act(values: Record<string, unknown>) {
    if (!dialog) return;
    const reason = String(values.reason);
    if (dialog.kind === 'notSame') {
      await duplicateCommands.notSame(dialog.pair.id, { reason, version: dialog.pair.version });
      void notice.success(t('registry.duplicates.markedNotSame'));
    } else if (dialog.kind === 'merge') {
      const survivorId = String(values.survivorId);
      const { mergeId } = await duplicateCommands.merge(dialog.pair.id, {
        survivorId,
        reason,
        version: dialog.pair.version,
      });
      if (mergeId) setUndoable({ mergeId, pair: dialog.pair });
    } else if (dialog.pair.mergeId) {
      await duplicateCommands.undo(dialog.pair.mergeId, { reason });
      setUndoable(null);
      void notice.success(t('registry.duplicates.undone'));
    }
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: ['duplicates'] }),
      queryClient.invalidateQueries({ queryKey: ['children'] }),
    ]);
  }

  const titles = {
    notSame: t('registry.duplicates.notSameTitle'),
    merge: t('registry.duplicates.mergeTitle'),
    undo: t('registry.duplicates.undoTitle'),
  };

  return (
    <div className="haven-list">
      {noticeHolder}
      <div className="haven-toolbar">
        <Segmented
          aria-label={t('registry.duplicates.stateLabel')}
          value={state}
          onChange={(value) => list.search({ state: value === 'open' ? undefined : String(value) })}
          options={(['open', 'merged', 'not_same'] as const).map((value) => ({
            value,
            label: t(`registry.duplicates.state.${value}`),
          }))}
        />
        <p className="haven-list-count" role="status">
          {pairs.data ? t('list.total', { count: pairs.data.total }) : ''}
        </p>
      </div>
      {undoable && (
        <Alert
          type="success"
          showIcon
          role="status"
          className="haven-form-alert"
          message={t('registry.duplicates.merged')}
          action={
            <Button onClick={() => setDialog({ kind: 'undo', pair: { ...undoable.pair, mergeId: undoable.mergeId } })}>
              {t('registry.duplicates.undo')}
            </Button>
          }
        />
      )}
      {pairs.isError && (
        <Alert type="error" showIcon message={t('list.loadFailed')} description={describeApiError(pairs.error, t)} />
      )}
      <Spin spinning={pairs.isFetching}>
        {pairs.data && pairs.data.items.length === 0 && <Empty description={t('registry.duplicates.none')} />}
        {pairs.data?.items.map((pair) => (
          <Card
            key={pair.id}
            className="haven-pair-card"
            size="small"
            title={t('registry.duplicates.pairTitle', { a: pair.a.name, b: pair.b.name })}
            extra={<strong>{t('registry.duplicates.score', { score: pair.score })}</strong>}
          >
            <div className="haven-pair">
              <Side child={pair.a} label="A" />
              <Side child={pair.b} label="B" />
            </div>
            {pair.mergeRequest && (
              <Alert
                type="info"
                showIcon
                className="haven-form-alert"
                message={t('registry.duplicates.mergeRequested', { name: pair.mergeRequest.requestedBy })}
              />
            )}
            <h4 className="haven-pair-why">{t('registry.duplicates.why')}</h4>
            <ReasonList reasons={pair.reasons} />
            <div className="haven-section-actions">
              {pair.state === 'open' && (
                <>
                  <Button type="primary" onClick={() => setDialog({ kind: 'merge', pair })}>
                    {t('registry.duplicates.merge')}
                  </Button>
                  <Button onClick={() => setDialog({ kind: 'notSame', pair })}>
                    {t('registry.duplicates.notSame')}
                  </Button>
                </>
              )}
              {pair.state === 'merged' && pair.mergeId && (
                <Button onClick={() => setDialog({ kind: 'undo', pair })}>{t('registry.duplicates.undo')}</Button>
              )}
            </div>
          </Card>
        ))}
      </Spin>
      {pairs.data && pairs.data.total > duplicatePageSize && (
        <Pagination
          className="haven-pagination"
          current={list.page}
          pageSize={duplicatePageSize}
          total={pairs.data.total}
          onChange={list.setPage}
          showSizeChanger={false}
        />
      )}
      <ReasonModal
        open={dialog !== null}
        title={dialog ? titles[dialog.kind] : ''}
        okText={dialog ? t(`registry.duplicates.${dialog.kind}`) : ''}
        danger={dialog?.kind === 'merge'}
        description={dialog?.kind === 'merge' ? t('registry.duplicates.mergeText') : undefined}
        initialValues={dialog?.kind === 'merge' ? { survivorId: preferredSurvivor(dialog.pair) } : undefined}
        onClose={() => setDialog(null)}
        onSubmit={act}
      >
        {dialog?.kind === 'merge' && (
          <Form.Item
            name="survivorId"
            label={t('registry.duplicates.survivor')}
            rules={[{ required: true, message: t('registry.duplicates.survivorRequired') }]}
          >
            <RadioField
              vertical
              label={t('registry.duplicates.survivor')}
              options={[dialog.pair.a, dialog.pair.b].map((child, i) => ({
                value: child.id,
                label: `${i === 0 ? 'A' : 'B'} · ${child.name} · ${child.havenCode ?? ''} · ${formatDate(child.birthDate, t)}`,
              }))}
            />
          </Form.Item>
        )}
      </ReasonModal>
    </div>
  );
}
