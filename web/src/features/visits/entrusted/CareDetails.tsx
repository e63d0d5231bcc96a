import { ClockCircleOutlined, WarningFilled } from '@ant-design/icons';
import { Alert, Button, Collapse, Descriptions, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { DayField, todayValue } from '../../../app/forms/DayField';
import { type EntrustedCareView, updateEntrustedCare } from './entrustedApi';
import { shortDate } from './labels';
import { useCareSubmit } from './useCareSubmit';

/** The weekly contact clock in words, red with an icon when overdue (never colour alone). */
export function ContactClock({ care, leftBehind }: { care: EntrustedCareView; leftBehind: boolean }) {
  const { t } = useTranslation();
  if (!care.nextContactDueAt)
    return leftBehind ? null : (
      <p role="status" className="haven-entrusted-clock">
        <ClockCircleOutlined aria-hidden /> {t('grassroots.entrusted.clockStopped')}
      </p>
    );
  const due = shortDate(care.nextContactDueAt, t);
  return (
    <p role="status" className={`haven-entrusted-clock${care.contactOverdue ? ' haven-case-late' : ''}`}>
      {care.contactOverdue ? <WarningFilled aria-hidden /> : <ClockCircleOutlined aria-hidden />}{' '}
      {care.contactOverdue
        ? t('grassroots.entrusted.contactOverdue', { due })
        : t('grassroots.entrusted.nextContact', { due })}
      {care.escalationLevel > 0 && ` · ${t('grassroots.visits.escalated', { level: care.escalationLevel })}`}
    </p>
  );
}

/** The carer, the agreement and the two written notices (a missing one said in words). */
export function CareSummary({ care }: { care: EntrustedCareView }) {
  const { t } = useTranslation();
  const date = (value: string | null) =>
    value ? (
      shortDate(value, t)
    ) : (
      <span className="haven-case-late">
        <WarningFilled aria-hidden /> {t('grassroots.entrusted.noticeMissing')}
      </span>
    );
  return (
    <Descriptions
      size="small"
      column={1}
      bordered
      items={[
        {
          key: 'carer',
          label: t('grassroots.entrusted.carerName'),
          children: `${care.carerName}（${care.carerRelation}）`,
        },
        { key: 'phone', label: t('grassroots.entrusted.carerPhone'), children: care.carerPhone ?? '—' },
        {
          key: 'capacity',
          label: t('grassroots.entrusted.capacity'),
          children: [t(`grassroots.entrusted.capacityValue.${care.capacity}`), care.capacityNote]
            .filter(Boolean)
            .join(' · '),
        },
        { key: 'start', label: t('grassroots.entrusted.startedOn'), children: shortDate(care.startedOn, t) },
        { key: 'school', label: t('grassroots.entrusted.noticeSchoolOn'), children: date(care.noticeSchoolOn) },
        { key: 'village', label: t('grassroots.entrusted.noticeVillageOn'), children: date(care.noticeVillageOn) },
      ]}
    />
  );
}

/** The parents' contacts, newest first. */
export function ContactList({ care }: { care: EntrustedCareView }) {
  const { t } = useTranslation();
  return (
    <section className="haven-entrusted-section" aria-labelledby="entrusted-contacts">
      <h3 id="entrusted-contacts">{t('grassroots.entrusted.contactsTitle')}</h3>
      {care.contacts.length === 0 ? (
        <p className="haven-secondary">{t('grassroots.entrusted.neverContacted')}</p>
      ) : (
        <ul className="haven-entrusted-contacts">
          {care.contacts.map((c) => (
            <li key={c.id}>
              <strong>{shortDate(c.contactedOn, t)}</strong> {t(`grassroots.entrusted.parentValue.${c.parent}`)} ·{' '}
              {t(`grassroots.entrusted.channelValue.${c.channel}`)}
              {c.note && <span className="haven-secondary"> · {c.note}</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

interface ChangeValues {
  noticeSchoolOn?: string | null;
  noticeVillageOn?: string | null;
  endOn?: string;
  endReason?: string;
}

/** The notices as they arrive, and the end of the care; each sent with the version shown (stale → 409). */
export function CareChanges({ childId, care }: { childId: string; care: EntrustedCareView }) {
  const { t } = useTranslation();
  const [notices] = Form.useForm<ChangeValues>();
  const [end] = Form.useForm<ChangeValues>();
  const noticeSubmit = useCareSubmit(notices, childId, ['noticeSchoolOn', 'noticeVillageOn']);
  const endSubmit = useCareSubmit(end, childId, ['endOn']);
  const missing = !care.noticeSchoolOn || !care.noticeVillageOn;
  const items = [
    ...(missing
      ? [
          {
            key: 'notices',
            label: t('grassroots.entrusted.noticesTitle'),
            children: (
              <Form<ChangeValues>
                form={notices}
                layout="vertical"
                initialValues={{
                  noticeSchoolOn: care.noticeSchoolOn ?? undefined,
                  noticeVillageOn: care.noticeVillageOn ?? undefined,
                }}
                onFinish={(v) =>
                  noticeSubmit.run(
                    () =>
                      updateEntrustedCare(care.id, {
                        version: care.version,
                        noticeSchoolOn: v.noticeSchoolOn ?? null,
                        noticeVillageOn: v.noticeVillageOn ?? null,
                      }),
                    t('grassroots.entrusted.noticesSaved'),
                  )
                }
              >
                {noticeSubmit.error && <Alert type="error" showIcon message={noticeSubmit.error} role="alert" />}
                <Form.Item name="noticeSchoolOn" label={t('grassroots.entrusted.noticeSchoolOn')}>
                  <DayField notAfterToday />
                </Form.Item>
                <Form.Item name="noticeVillageOn" label={t('grassroots.entrusted.noticeVillageOn')}>
                  <DayField notAfterToday />
                </Form.Item>
                <Button htmlType="submit" size="large" block loading={noticeSubmit.busy}>
                  {t('grassroots.entrusted.saveNotices')}
                </Button>
              </Form>
            ),
          },
        ]
      : []),
    {
      key: 'end',
      label: t('grassroots.entrusted.endTitle'),
      children: (
        <Form<ChangeValues>
          form={end}
          layout="vertical"
          initialValues={{ endOn: todayValue() }}
          onFinish={(v) =>
            endSubmit.run(
              () =>
                updateEntrustedCare(care.id, {
                  version: care.version,
                  end: { on: v.endOn!, reason: v.endReason ?? '' },
                }),
              t('grassroots.entrusted.ended'),
            )
          }
        >
          {endSubmit.error && <Alert type="error" showIcon message={endSubmit.error} role="alert" />}
          <Form.Item name="endOn" label={t('grassroots.entrusted.endOn')} rules={[{ required: true }]}>
            <DayField notAfterToday />
          </Form.Item>
          <Form.Item name="endReason" label={t('grassroots.entrusted.endReason')} rules={[{ required: true }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Button danger htmlType="submit" size="large" block loading={endSubmit.busy}>
            {t('grassroots.entrusted.endSubmit')}
          </Button>
        </Form>
      ),
    },
  ];
  return <Collapse items={items} defaultActiveKey={missing ? ['notices'] : []} />;
}
