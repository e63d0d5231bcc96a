import type { StayBand } from '@contract/placements/vocabulary.js';
import { stayBands } from '@contract/placements/vocabulary.js';
import type { Occupancy, Receptions } from '@contract/placements/views.js';
import { Alert, Card, Spin, Table, type TableColumnsType, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { describeApiError } from '../../app/api/describeApiError';
import { formatDateTime } from '../../app/format';
import { usePhoneLayout } from '../../app/preferences/usePhoneLayout';
import { useOccupancy, useReceptions } from './placementsApi';
import './placements.css';

type Institution = Occupancy['institutions'][number];
type Reception = Receptions['rows'][number];

const dayMs = 86_400_000;
const shanghaiDay = (time: number) => new Date(time + 8 * 3_600_000).toISOString().slice(0, 10);

function StayText({ byStay }: { byStay: Record<StayBand, number> }) {
  const { t } = useTranslation();
  const parts = stayBands
    .filter((band) => byStay[band] > 0)
    .map((band) => `${t(`placements.occupancy.stay.${band}`)} ${byStay[band]}`);
  return <span>{parts.length > 0 ? parts.join(' · ') : '—'}</span>;
}

function useChildKindLabel() {
  const { t } = useTranslation();
  return (kind: string) =>
    kind === 'unidentified' || kind === 'uncategorised'
      ? t(`placements.receptions.kind.${kind}`)
      : t(`registry.category.${kind}` as 'registry.category.orphan');
}

/**
 * 安置与床位: each institution's beds, children there now, overflow, children past the stay limit
 * and lengths of stay; and which institution received which kind of child (§4.2.1). Counts only.
 */
export default function OccupancyPage() {
  const { t } = useTranslation();
  const phone = usePhoneLayout();
  const occupancy = useOccupancy();
  const today = shanghaiDay(Date.now());
  const from = shanghaiDay(Date.now() - 365 * dayMs);
  const receptions = useReceptions(from, today);
  const kindLabel = useChildKindLabel();

  if (occupancy.isPending) return <Spin />;
  if (occupancy.isError) return <Alert type="error" showIcon message={describeApiError(occupancy.error, t)} />;
  const institutions = occupancy.data.institutions;
  const bedsText = (i: Institution) => (i.beds === null ? t('placements.occupancy.noBeds') : String(i.beds));
  const columns: TableColumnsType<Institution> = [
    {
      key: 'name',
      title: t('placements.occupancy.institution'),
      render: (_, i) => (
        <>
          {i.organisation.name} <Tag>{t(`placements.kind.${i.organisation.placementKind}`)}</Tag>
        </>
      ),
    },
    { key: 'beds', title: t('placements.occupancy.beds'), align: 'right', render: (_, i) => bedsText(i) },
    { key: 'occupancy', title: t('placements.occupancy.occupancy'), align: 'right', dataIndex: 'occupancy' },
    { key: 'free', title: t('placements.occupancy.free'), align: 'right', render: (_, i) => i.free ?? '—' },
    {
      key: 'overflow',
      title: t('placements.occupancy.overflow'),
      align: 'right',
      render: (_, i) => (i.overflow > 0 ? <strong className="haven-placement-overdue">{i.overflow}</strong> : 0),
    },
    { key: 'waiting', title: t('placements.occupancy.waiting'), align: 'right', dataIndex: 'waiting' },
    {
      key: 'extensions',
      title: t('placements.occupancy.extensions'),
      align: 'right',
      dataIndex: 'extensionsRequested',
    },
    { key: 'stay', title: t('placements.occupancy.byStay'), render: (_, i) => <StayText byStay={i.byStay} /> },
    {
      key: 'average',
      title: t('placements.occupancy.average'),
      align: 'right',
      render: (_, i) => i.averageStayDays ?? '—',
    },
  ];
  const receptionColumns: TableColumnsType<Reception> = [
    { key: 'org', title: t('placements.occupancy.institution'), render: (_, r) => r.organisation.name },
    { key: 'kind', title: t('placements.receptions.childKind'), render: (_, r) => kindLabel(r.childKind) },
    { key: 'received', title: t('placements.receptions.received'), align: 'right', dataIndex: 'received' },
    { key: 'still', title: t('placements.receptions.stillThere'), align: 'right', dataIndex: 'stillThere' },
    {
      key: 'avg',
      title: t('placements.receptions.averageDays'),
      align: 'right',
      render: (_, r) => r.averageStayDays ?? '—',
    },
    {
      key: 'max',
      title: t('placements.receptions.longestDays'),
      align: 'right',
      render: (_, r) => r.longestStayDays ?? '—',
    },
  ];
  return (
    <>
      <p className="haven-secondary">
        {t('placements.occupancy.asOf', { time: formatDateTime(occupancy.data.asOf, t) })}
      </p>
      {institutions.length === 0 ? (
        <Alert type="info" showIcon message={t('placements.occupancy.empty')} />
      ) : phone ? (
        <div className="haven-occupancy-cards">
          {institutions.map((i) => (
            <Card key={i.organisation.id} size="small" title={i.organisation.name}>
              <p>
                {t('placements.occupancy.occupancy')} {i.occupancy} / {t('placements.occupancy.beds')} {bedsText(i)}
                {i.overflow > 0 && (
                  <strong className="haven-placement-overdue">
                    {' '}
                    · {t('placements.occupancy.overflow')} {i.overflow}
                  </strong>
                )}
              </p>
              <p>
                {t('placements.occupancy.waiting')} {i.waiting} · {t('placements.occupancy.extensions')}{' '}
                {i.extensionsRequested}
              </p>
              <StayText byStay={i.byStay} />
            </Card>
          ))}
        </div>
      ) : (
        <Table
          rowKey={(i) => i.organisation.id}
          columns={columns}
          dataSource={institutions}
          pagination={false}
          size="middle"
        />
      )}
      <h3 className="haven-placements-section">{t('placements.receptions.title')}</h3>
      <p className="haven-secondary">{t('placements.receptions.hint')}</p>
      {receptions.isError && <Alert type="error" showIcon message={describeApiError(receptions.error, t)} />}
      {receptions.data?.overlaps.map((o) => (
        <Alert
          key={o.childKind}
          type="warning"
          showIcon
          className="haven-form-alert"
          message={`${kindLabel(o.childKind)}: ${t('placements.receptions.overlap', {
            kinds: o.institutionKinds.map((k) => t(`placements.kind.${k}`)).join('、'),
          })}`}
        />
      ))}
      {phone ? (
        <ul className="haven-placement-history">
          {(receptions.data?.rows ?? []).map((r) => (
            <li key={`${r.organisation.id}:${r.childKind}`}>
              <strong>{r.organisation.name}</strong> · {kindLabel(r.childKind)} · {t('placements.receptions.received')}{' '}
              {r.received} · {t('placements.receptions.stillThere')} {r.stillThere} ·{' '}
              {t('placements.receptions.averageDays')} {r.averageStayDays ?? '—'}
            </li>
          ))}
          {receptions.data?.rows.length === 0 && <li>{t('placements.receptions.none')}</li>}
        </ul>
      ) : (
        <Table
          rowKey={(r) => `${r.organisation.id}:${r.childKind}`}
          columns={receptionColumns}
          dataSource={receptions.data?.rows ?? []}
          loading={receptions.isPending}
          pagination={false}
          size="middle"
          locale={{ emptyText: t('placements.receptions.none') }}
        />
      )}
    </>
  );
}
