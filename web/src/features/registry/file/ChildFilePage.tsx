import { Alert, Spin, Tabs } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { ApiError } from '../../../app/api/client';
import { describeApiError } from '../../../app/api/describeApiError';
import { usePhoneLayout } from '../../../app/preferences/usePhoneLayout';
import { LeaveRegistry } from '../../benefits/LeaveRegistry';
import { FactProposals } from '../../department-rolls/FactProposals';
import { FamilySupportCard } from '../../charity/FamilySupportCard';
import { DocumentsPanel } from '../../documents/DocumentsPanel';
import { ChildHouseholdCard } from '../../households/ChildHouseholdCard';
import { ChildPlacementCard } from '../../placements/ChildPlacementCard';
import { EntrustedCareCard } from '../../visits/entrusted/EntrustedCareCard';
import { useChildFile } from '../api/fileApi';
import '../registry.css';
import { useFileActions } from './actions';
import { CategoriesTab } from './CategoriesTab';
import { FamilyTab } from './FamilyTab';
import { FileHeader } from './FileHeader';
import { IdentityTab } from './IdentityTab';
import { PrintableFile } from './PrintableFile';
import { TimelineTab } from './TimelineTab';

const tabKeys = ['identity', 'family', 'categories', 'documents', 'timeline'] as const;
type TabKey = (typeof tabKeys)[number];

/** 儿童档案 of one child (一人一档): identity, family, categories and entitlements, timeline. */
export default function ChildFilePage() {
  const { t } = useTranslation();
  const { childId = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const [unmask, setUnmask] = useState(false);
  const phone = usePhoneLayout();
  const file = useChildFile(childId, unmask);
  const allowed = useFileActions(file.data);
  const tab: TabKey = (tabKeys as readonly string[]).includes(params.get('tab') ?? '')
    ? (params.get('tab') as TabKey)
    : 'identity';

  if (file.isPending) {
    return (
      <div className="haven-page-loading" role="status">
        <Spin />
        <span>{t('page.loading')}</span>
      </div>
    );
  }
  if (file.isError) {
    const missing = file.error instanceof ApiError && file.error.status === 404;
    return (
      <Alert
        type="error"
        showIcon
        message={missing ? t('registry.file.missing') : t('registry.fileFailed')}
        description={
          <>
            {missing ? t('registry.file.missingHint') : describeApiError(file.error, t)}{' '}
            <Link to="/registry">{t('registry.file.backToList')}</Link>
          </>
        }
      />
    );
  }
  const child = file.data;
  return (
    <>
      <FileHeader
        file={child}
        unmasked={!child.masked}
        canUnmask={allowed('unmask', 'children.unmask')}
        onUnmask={setUnmask}
      />
      <ChildPlacementCard childId={child.id} />
      <LeaveRegistry file={child} />
      <FactProposals childId={child.id} />
      {child.status === 'merged' && (
        <Alert type="warning" showIcon className="haven-form-alert" message={t('registry.file.mergedNotice')} />
      )}
      {child.mergedFiles.length > 0 && (
        <Alert
          type="info"
          showIcon
          className="haven-form-alert"
          message={t('registry.file.mergedFiles', {
            files: child.mergedFiles
              .map((merged) => `${merged.name ?? ''} ${merged.havenCode ?? ''}`.trim())
              .join('、'),
          })}
        />
      )}
      <div className="haven-file-body">
        <Tabs
          activeKey={tab}
          tabBarGutter={phone ? 12 : undefined}
          onChange={(key) =>
            setParams(
              (current) => {
                const next = new URLSearchParams(current);
                next.set('tab', key);
                return next;
              },
              { replace: true },
            )
          }
          items={[
            {
              key: 'identity',
              label: t('registry.file.tabs.identity'),
              children: <IdentityTab file={child} canEdit={allowed('edit')} />,
            },
            {
              key: 'family',
              label: t('registry.file.tabs.family'),
              children: (
                <div className="haven-stack">
                  <FamilyTab file={child} canEdit={allowed('editFamily')} canAdd={allowed('addFamily')} />
                  <ChildHouseholdCard childId={child.id} />
                  <EntrustedCareCard childId={child.id} />
                  <FamilySupportCard childId={child.id} />
                </div>
              ),
            },
            {
              key: 'categories',
              label: t('registry.file.tabs.categories'),
              children: (
                <CategoriesTab file={child} canDecide={allowed('decideCategory')} canAdd={allowed('addCategory')} />
              ),
            },
            {
              key: 'documents',
              label: t('documents.tab'),
              children: <DocumentsPanel childId={child.id} />,
            },
            {
              key: 'timeline',
              label: t('registry.file.tabs.timeline'),
              children: <TimelineTab file={child} canRestore={allowed('restore')} />,
            },
          ]}
        />
      </div>
      <PrintableFile file={child} />
    </>
  );
}
