import { Alert, Button, Empty, Form, Input, Modal, Spin, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { describeApiError } from '../../app/api/describeApiError';
import { useAuth, useMe } from '../../app/auth/AuthProvider';
import { formatDate } from '../../app/format';
import { useNotice } from '../../app/notice/useNotice';
import '../cases/cases.css';
import './conference.css';
import { conferenceApi, labelOf, useMeetings, useRefreshConference, vocabularyLabels } from './conferenceApi';

interface NewMeeting {
  title: string;
  meetsOn: string;
  place: string;
  chair: string;
}

/** Joint-conference meetings I may see; the lead agency plans a new one. */
export default function MeetingsPage() {
  const { t, i18n } = useTranslation();
  const { can } = useAuth();
  const me = useMe();
  const meetings = useMeetings();
  const refresh = useRefreshConference();
  const navigate = useNavigate();
  const notice = useNotice();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [key, setKey] = useState(() => crypto.randomUUID());
  const [form] = Form.useForm<NewMeeting>();

  async function create(values: NewMeeting) {
    setBusy(true);
    try {
      const meeting = await conferenceApi.createMeeting({ divisionCode: me.user.jurisdictionCode, ...values }, key);
      setKey(crypto.randomUUID());
      setOpen(false);
      refresh();
      void navigate(`/joint-conference/${meeting.id}`);
    } catch (error) {
      void notice.error(describeApiError(error, t));
    } finally {
      setBusy(false);
    }
  }

  const items = meetings.data?.items ?? [];
  return (
    <div className="haven-stack haven-conference">
      <span className="haven-form-footer">
        {can('conference.manage') && (
          <Button type="primary" onClick={() => setOpen(true)}>
            {t('jointConference.newMeeting')}
          </Button>
        )}
        <Link to="/joint-conference/my-items">{t('jointConference.myItems')}</Link>
      </span>
      {meetings.isError && <Alert type="error" showIcon message={describeApiError(meetings.error, t)} />}
      {meetings.isPending ? (
        <Spin />
      ) : items.length === 0 ? (
        <Empty description={t('jointConference.noMeetings')} />
      ) : (
        <ul className="haven-work-list" aria-label={t('jointConference.title')}>
          {items.map((item) => (
            <li key={item.id}>
              <div className="haven-work-item-main">
                <strong>
                  <Link to={`/joint-conference/${item.id}`}>{item.title}</Link>
                </strong>{' '}
                <Tag>{labelOf(vocabularyLabels.status[item.status], i18n.language)}</Tag>
                <p>
                  {item.divisionName}（{labelOf(vocabularyLabels.level[item.level], i18n.language)}） ·{' '}
                  {formatDate(item.meetsOn, t)} · {item.place}
                </p>
                <p>{t('jointConference.counts', { agenda: item.agendaCount, open: item.openActionItems })}</p>
              </div>
            </li>
          ))}
        </ul>
      )}
      <Modal
        open={open}
        title={t('jointConference.newMeeting')}
        okText={t('jointConference.create')}
        okButtonProps={{ loading: busy }}
        onOk={() => form.submit()}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={(values) => void create(values)}>
          <Form.Item
            name="title"
            label={t('jointConference.meetingTitle')}
            rules={[{ required: true, whitespace: true }]}
          >
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="meetsOn" label={t('jointConference.meetsOn')} rules={[{ required: true }]}>
            <Input type="date" />
          </Form.Item>
          <Form.Item name="place" label={t('jointConference.place')} rules={[{ required: true, whitespace: true }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="chair" label={t('jointConference.chair')} rules={[{ required: true, whitespace: true }]}>
            <Input maxLength={100} />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
