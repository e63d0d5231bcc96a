import { Alert, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth/AuthProvider';
import { usePhoneLayout } from '../../app/preferences/usePhoneLayout';
import './charity.css';
import { Activities } from './ActivitiesTab';
import { Donations } from './DonationsTab';
import { Guidance } from './GuidanceTab';
import { Needs } from './NeedsTab';
import { Volunteers } from './VolunteersTab';

export default function CharityPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const charity = can('charity.manage');
  const phone = usePhoneLayout();
  const items = [
    ...(charity || can('cases.act')
      ? [
          {
            key: 'needs',
            label: t('charity.tabs.needs'),
            children: <Needs charity={charity} raise={can('cases.act')} />,
          },
        ]
      : []),
    ...(charity
      ? [
          { key: 'donations', label: t('charity.tabs.donations'), children: <Donations /> },
          { key: 'volunteers', label: t('charity.tabs.volunteers'), children: <Volunteers /> },
          { key: 'activities', label: t('charity.tabs.activities'), children: <Activities /> },
        ]
      : []),
    ...(can('cases.act') || can('projects.deliver')
      ? [{ key: 'guidance', label: t('charity.tabs.guidance'), children: <Guidance issue={can('cases.act')} /> }]
      : []),
  ];
  return (
    <div className="haven-stack">
      <h1>{t('charity.title')}</h1>
      {items.length === 0 ? (
        <Alert type="info" message={t('charity.nothing')} />
      ) : (
        <Tabs className="haven-charity-tabs" tabBarGutter={phone ? 16 : undefined} items={items} />
      )}
    </div>
  );
}
