import { Button, Card, Input, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { describeApiError } from '../../app/api/describeApiError';
import { useNotice } from '../../app/notice/useNotice';
import {
  conferenceApi,
  labelOf,
  type MeetingView,
  useProposals,
  useRefreshConference,
  vocabularyLabels,
} from './conferenceApi';

type Ref = MeetingView['agenda'][number]['ref'];

/** Where an agenda item's source opens, when the reader's pages have it. */
function sourceLink(ref: Ref): string | null {
  if (!ref) return null;
  if (ref.type === 'referral') return '/referrals';
  if (ref.type === 'organisation') return '/placements';
  if (ref.type === 'division') return '/service-matrix';
  if (ref.subjectType === 'case' && ref.subjectId) return `/cases/${ref.subjectId}`;
  if (ref.subjectType === 'visit') return '/visits';
  if (ref.subjectType === 'action_item') return '/joint-conference/my-items';
  return null;
}

/** The agenda: what escalated to the conference (built on request) and free items. */
export function AgendaSection({ meeting, editable }: { meeting: MeetingView; editable: boolean }) {
  const { t, i18n } = useTranslation();
  const refresh = useRefreshConference();
  const proposals = useProposals(meeting.id, editable);
  const notice = useNotice();
  const [title, setTitle] = useState('');
  const [busy, setBusy] = useState(false);
  const [key, setKey] = useState(() => crypto.randomUUID());

  async function run(change: () => Promise<unknown>) {
    setBusy(true);
    try {
      await change();
      void notice.success(t('jointConference.saved'));
      refresh();
    } catch (error) {
      void notice.error(describeApiError(error, t));
    } finally {
      setBusy(false);
    }
  }

  const waiting = proposals.data?.items.length ?? 0;
  return (
    <Card title={<h3>{t('jointConference.agenda')}</h3>}>
      {meeting.agenda.length === 0 ? (
        <p>{t('jointConference.noAgenda')}</p>
      ) : (
        <ol className="haven-work-list" aria-label={t('jointConference.agenda')}>
          {meeting.agenda.map((item) => {
            const link = sourceLink(item.ref);
            return (
              <li key={item.id}>
                <div className="haven-work-item-main">
                  <span>
                    {item.position}. {item.title}
                  </span>{' '}
                  <Tag>{labelOf(vocabularyLabels.source[item.source], i18n.language)}</Tag>
                  {item.detail && <p>{item.detail}</p>}
                  {link && (
                    <p>
                      <Link to={link}>{t('jointConference.openSource')}</Link>
                    </p>
                  )}
                </div>
              </li>
            );
          })}
        </ol>
      )}
      {editable && (
        <div className="haven-stack">
          <Button
            type="primary"
            loading={busy}
            disabled={waiting === 0}
            onClick={() => void run(() => conferenceApi.buildAgenda(meeting.id, meeting.version))}
          >
            {t('jointConference.buildAgenda', { count: waiting })}
          </Button>
          <label htmlFor="conference-free-item">{t('jointConference.freeItem')}</label>
          <Input.Search
            id="conference-free-item"
            maxLength={300}
            value={title}
            enterButton={t('jointConference.addFreeItem')}
            onChange={(e) => setTitle(e.target.value)}
            onSearch={(value) =>
              value.trim() &&
              void run(async () => {
                await conferenceApi.addAgendaItem(
                  meeting.id,
                  { expectedVersion: meeting.version, title: value.trim() },
                  key,
                );
                setKey(crypto.randomUUID());
                setTitle('');
              })
            }
          />
        </div>
      )}
    </Card>
  );
}
