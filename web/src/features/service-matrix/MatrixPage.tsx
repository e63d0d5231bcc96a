import { Alert, Button, Collapse, DatePicker, Empty, Input, Select, Spin, Tabs, Tag } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { describeApiError } from '../../app/api/describeApiError';
import { useMe } from '../../app/auth/AuthProvider';
import { useNotice } from '../../app/notice/useNotice';
import { organisationKindCodes, type OrganisationKind } from '@contract/organisations/kinds.js';
import { kindName, serviceLabel } from '../referrals/referralsApi';
import {
  type Cell,
  type MatrixReport,
  type MatrixView,
  type Responsibility,
  responsibilityCodes,
  saveMatrix,
  serviceCodes,
  useMatrix,
  useMatrixReport,
} from './matrixApi';

/** The city a user's area belongs to (the matrix is the city lead agency's), else the area itself. */
function cityOf(code: string): string {
  return /^\d{4}0{8}$/.test(code) || /^\d{2}0{10}$/.test(code) ? code : `${code.slice(0, 4)}00000000`;
}

function Report({ report }: { report: MatrixReport }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const kinds = (list: readonly OrganisationKind[]) =>
    list.map((k) => kindName(k, lang)).join(lang.startsWith('en') ? ', ' : '、') || t('serviceMatrix.nobody');
  return (
    <div className="haven-stack">
      <Collapse
        items={report.counties.map((county) => ({
          key: county.code,
          label: (
            <span>
              {county.name}{' '}
              <Tag color={county.overlaps.length > 0 ? 'warning' : 'default'}>
                {t('serviceMatrix.overlaps', { count: county.overlaps.length })}
              </Tag>
              <Tag color={county.gaps.length > 0 ? 'error' : 'default'}>
                {t('serviceMatrix.gaps', { count: county.gaps.length })}
              </Tag>
            </span>
          ),
          children:
            county.overlaps.length + county.gaps.length === 0 ? (
              <p>{t('serviceMatrix.noIssues')}</p>
            ) : (
              <ul>
                {county.overlaps.map((o) => (
                  <li key={`o-${o.service}`}>
                    {t('serviceMatrix.overlapLine', {
                      service: serviceLabel(o.service, lang),
                      kinds: o.leaders
                        .map((l) => `${kindName(l.kind, lang)}（${l.organisations.map((x) => x.name).join('、')}）`)
                        .join(lang.startsWith('en') ? '; ' : '；'),
                    })}
                  </li>
                ))}
                {county.gaps.map((g) => (
                  <li key={`g-${g.service}`}>
                    {t('serviceMatrix.gapLine', {
                      service: serviceLabel(g.service, lang),
                      kinds: kinds(g.expectedKinds),
                    })}
                  </li>
                ))}
              </ul>
            ),
        }))}
      />
      <h3>{t('serviceMatrix.oneTeam')}</h3>
      {report.oneTeamTwoBrands.length === 0 ? (
        <p>{t('serviceMatrix.oneTeamNone')}</p>
      ) : (
        <ul>
          {report.oneTeamTwoBrands.map((group) => (
            <li key={group.organisations.map((o) => o.id).join()}>
              {group.organisations.map((o) => o.name).join(' / ')} —{' '}
              {group.shared
                .map((s) =>
                  t(s.by === 'phone' ? 'serviceMatrix.sharedPhone' : 'serviceMatrix.sharedContact', { value: s.value }),
                )
                .join('，')}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function Matrix({ view, onSaved }: { view: MatrixView; onSaved: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [editing, setEditing] = useState(false);
  const [changes, setChanges] = useState<Map<string, Responsibility>>(new Map());
  const [validFrom, setValidFrom] = useState(dayjs().add(1, 'day'));
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const notice = useNotice();
  const current = new Map(view.cells.map((c) => [`${c.service}|${c.kind}`, c]));
  const responsibilityAt = (service: string, kind: string): Responsibility =>
    changes.get(`${service}|${kind}`) ?? current.get(`${service}|${kind}`)?.responsibility ?? 'none';

  async function save() {
    setBusy(true);
    try {
      const own = new Map(view.ownCells.map((c) => [`${c.service}|${c.kind}`, c]));
      for (const [key, responsibility] of changes) {
        const [service, kind] = key.split('|') as [Cell['service'], Cell['kind']];
        own.set(key, { service, kind, responsibility });
      }
      await saveMatrix(view.divisionCode, {
        validFrom: validFrom.format('YYYY-MM-DD'),
        expectedVersion: view.currentVersion,
        note: note || undefined,
        cells: [...own.values()],
      });
      setEditing(false);
      setChanges(new Map());
      void notice.success(t('serviceMatrix.saved'));
      onSaved();
    } catch (error) {
      void notice.error(describeApiError(error, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="haven-stack">
      <p>{t('serviceMatrix.version', { version: view.currentVersion })}</p>
      {view.canEdit &&
        (editing ? (
          <div className="haven-form-footer">
            <label>
              {t('serviceMatrix.validFrom')}{' '}
              <DatePicker
                inputReadOnly
                value={validFrom}
                onChange={(d) => d && setValidFrom(d)}
                disabledDate={(d) => d.isBefore(dayjs(), 'day')}
              />
            </label>
            <Input
              placeholder={t('serviceMatrix.note')}
              aria-label={t('serviceMatrix.note')}
              value={note}
              onChange={(e) => setNote(e.target.value)}
            />
            <Button type="primary" loading={busy} onClick={() => void save()}>
              {t('serviceMatrix.save')}
            </Button>
            <Button
              onClick={() => {
                setEditing(false);
                setChanges(new Map());
              }}
            >
              {t('serviceMatrix.cancel')}
            </Button>
          </div>
        ) : (
          <Button onClick={() => setEditing(true)}>{t('serviceMatrix.edit')}</Button>
        ))}
      <Collapse
        items={serviceCodes.map((service) => {
          const kinds = editing
            ? organisationKindCodes
            : organisationKindCodes.filter((kind) => responsibilityAt(service, kind) !== 'none');
          return {
            key: service,
            label: serviceLabel(service, lang),
            children: (
              <ul className="haven-matrix-cells">
                {kinds.map((kind) => (
                  <li key={kind}>
                    <span>{kindName(kind, lang)}</span>{' '}
                    {editing ? (
                      <Select
                        size="small"
                        aria-label={`${serviceLabel(service, lang)} × ${kindName(kind, lang)}`}
                        value={responsibilityAt(service, kind)}
                        onChange={(value: Responsibility) =>
                          setChanges(new Map(changes).set(`${service}|${kind}`, value))
                        }
                        options={responsibilityCodes.map((r) => ({
                          value: r,
                          label:
                            r === 'leads'
                              ? t('serviceMatrix.leads')
                              : r === 'takes_part'
                                ? t('serviceMatrix.takesPart')
                                : '—',
                        }))}
                        style={{ minWidth: 96 }}
                      />
                    ) : (
                      <Tag color={responsibilityAt(service, kind) === 'leads' ? 'blue' : 'default'}>
                        {responsibilityAt(service, kind) === 'leads'
                          ? t('serviceMatrix.leads')
                          : t('serviceMatrix.takesPart')}
                      </Tag>
                    )}
                  </li>
                ))}
              </ul>
            ),
          };
        })}
      />
    </div>
  );
}

/** The responsibility matrix of a place, and its report: overlaps and gaps by county, one team with two brands. */
export default function MatrixPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [division, setDivision] = useState(() => cityOf(me.user.jurisdictionCode));
  const [draft, setDraft] = useState(division);
  const [asOf, setAsOf] = useState<string | undefined>(undefined);
  const queryClient = useQueryClient();
  const matrix = useMatrix(division, asOf);
  const report = useMatrixReport(division, asOf);
  const failed = matrix.error ?? report.error;
  return (
    <div className="haven-stack">
      <div className="haven-form-footer">
        <Input
          aria-label={t('serviceMatrix.division')}
          placeholder={t('serviceMatrix.division')}
          value={draft}
          maxLength={12}
          inputMode="numeric"
          onChange={(e) => setDraft(e.target.value.trim())}
          onPressEnter={() => setDivision(draft)}
          style={{ maxWidth: 180 }}
        />
        <DatePicker
          inputReadOnly
          aria-label={t('serviceMatrix.asOf')}
          placeholder={t('serviceMatrix.asOf')}
          onChange={(d) => setAsOf(d ? d.format('YYYY-MM-DD') : undefined)}
        />
        <Button onClick={() => setDivision(draft)}>{t('serviceMatrix.load')}</Button>
      </div>
      {failed && <Alert type="error" showIcon message={describeApiError(failed, t)} />}
      {matrix.isPending ? (
        <Spin />
      ) : !matrix.data ? (
        <Empty />
      ) : (
        <Tabs
          items={[
            {
              key: 'report',
              label: t('serviceMatrix.report'),
              children: report.data ? <Report report={report.data} /> : <Spin />,
            },
            {
              key: 'matrix',
              label: t('serviceMatrix.matrix'),
              children: (
                <Matrix
                  view={matrix.data}
                  onSaved={() => {
                    void queryClient.invalidateQueries({ queryKey: ['service-matrix'] });
                    void queryClient.invalidateQueries({ queryKey: ['service-matrix-report'] });
                  }}
                />
              ),
            },
          ]}
        />
      )}
    </div>
  );
}
