import { Alert, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import '../cases/cases.css';
import './conference.css';
import { describeApiError } from '../../app/api/describeApiError';
import { ActionItemList } from './ActionItemList';
import { useMyActionItems } from './conferenceApi';

/** My department's action items from the joint conference: open ones first, soonest due first. */
export default function MyActionItemsPage() {
  const { t } = useTranslation();
  const items = useMyActionItems();
  if (items.isError) return <Alert type="error" showIcon message={describeApiError(items.error, t)} />;
  if (items.isPending) return <Spin />;
  return (
    <div className="haven-stack haven-conference">
      <p>{t('jointConference.myItemsHint')}</p>
      <ActionItemList items={items.data.items} showMeeting />
    </div>
  );
}
