import { DiffOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Form, Pagination, Segmented, Spin } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { describeApiError } from '../../../app/api/describeApiError';
import { formatDate } from '../../../app/format';
import { useListParams } from '../../../app/list/useListParams';
import { useNotice } from '../../../app/notice/useNotice';
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

/**
 * The two files as one table, a row per fact: the rows where they differ are marked (shade, icon
 * and the word 不同), so the reviewer reads the differences instead of two full files.
 */
function PairComparison({ a, b }: { a: ChildSummary; b: ChildSummary }) {
  const { t } = useTranslation();
  const rows: { key: string; label: string; same: boolean; show: (child: ChildSummary) => ReactNode }[] = [
    { key: 'sex', label: t('registry.sexLabel'), same: a.sex === b.sex, show: (c) => sexText(t, c.sex) },
    {
      key: 'birth',
      label: t('registry.birthDate'),
      same: a.birthDate === b.birthDate,
      show: (c) => formatDate(c.birthDate, t),
    },
    {
      key: 'id',
      label: t('registry.idNumberMasked'),
      same: a.idNumber === b.idNumber,
      show: (c) => <span className="haven-code">{c.idNumber ?? '—'}</span>,
    },
    {
      key: 'residence',
      label: t('registry.residence'),
      same: a.residenceName === b.residenceName,
      show: (c) => c.residenceName ?? '—',
    },
    {
      key: 'categories',
      label: t('registry.categoryLabel'),
      same: [...a.categories].sort().join() === [...b.categories].sort().join(),
      show: (c) => <CategoryTags codes={c.categories} />,
    },
    {
      key: 'risk',
      label: t('registry.riskLabel'),
      same: a.riskGrade === b.riskGrade,
      show: (c) => <RiskTag grade={c.riskGrade} />,
    },
  ];
  const title = (child: ChildSummary, label: string) => (
    <>
      {label}: <Link to={`/registry/${child.id}`}>{child.name}</Link>{' '}
      <span className="haven-code haven-secondary">{child.havenCode}</span>
    </>
  );
  return (
    <table className="haven-pair-table">
      <thead>
        <tr>
          <td />
          <th scope="col">{title(a, 'A')}</th>
          <th scope="col">{title(b, 'B')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key} className={row.same ? undefined : 'haven-pair-differs'}>
            <th scope="row">
              {row.label}
              {!row.same && (
                <span className="haven-pair-differs-tag">
                  <DiffOutlined aria-hidden /> {t('registry.duplicates.differs')}
                </span>
              )}
            </th>
            <td>{row.show(a)}</td>
            <td>{row.show(b)}</td>
          </tr>
        ))}
      </tbody>
    </table>
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
  const notice = useNotice();
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
              <PairComparison a={pair.a} b={pair.b} />
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
