import { EyeInvisibleOutlined, EyeOutlined, FileTextOutlined } from '@ant-design/icons';
import { Alert, Button, Descriptions, Drawer, Spin, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { describeApiError } from '../../app/api/describeApiError';
import { useAuth } from '../../app/auth/AuthProvider';
import { formatDate } from '../../app/format';
import { usePhoneLayout } from '../../app/preferences/usePhoneLayout';
import { DivisionName } from '../divisions/DivisionName';
import { useChild, type ChildSummary } from './childrenApi';

function ChildFile({ child }: { child: ChildSummary }) {
  const { t } = useTranslation();
  const phone = usePhoneLayout();
  const sexLabel = child.sex ? t(`registry.sex.${child.sex}`) : t('registry.sex.unknown');
  const items = [
    { key: 'sex', label: t('registry.sexLabel'), children: sexLabel },
    { key: 'birth', label: t('registry.birthDate'), children: formatDate(child.birthDate, t) },
    { key: 'id', label: t('registry.idNumber'), children: <span className="haven-code">{child.idNumber ?? '—'}</span> },
    { key: 'phone', label: t('registry.phone'), children: child.phone ?? '—' },
    { key: 'address', label: t('registry.address'), children: child.address ?? '—' },
    { key: 'residence', label: t('registry.residence'), children: <DivisionName code={child.residenceCode} /> },
    {
      key: 'hukou',
      label: t('registry.hukou'),
      children: child.hukouCode ? <DivisionName code={child.hukouCode} /> : '—',
    },
  ];
  return (
    <Descriptions
      bordered
      column={1}
      size={phone ? 'small' : 'default'}
      layout={phone ? 'vertical' : 'horizontal'}
      items={items}
    />
  );
}

/** A child's file over the list. Full identifiers only on request, and only for roles allowed them. */
export function ChildDrawer({ id, onClose }: { id: string | undefined; onClose: () => void }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const phone = usePhoneLayout();
  const navigate = useNavigate();
  const [unmask, setUnmask] = useState(false);
  const masked = useChild(id, false);
  const full = useChild(unmask ? id : undefined, true);
  const shown = unmask ? full : masked;
  const child = shown.data ?? masked.data;

  const close = () => {
    setUnmask(false);
    onClose();
  };

  return (
    <Drawer
      open={id !== undefined}
      onClose={close}
      width={phone ? '100%' : 560}
      title={child ? child.name : t('registry.fileTitle')}
      closable={{ 'aria-label': t('common.close') }}
      className="haven-child-drawer"
      destroyOnHidden
      extra={
        child && (
          <Tag color={child.masked ? 'default' : 'warning'} className="haven-mask-tag">
            {child.masked ? t('registry.maskedTag') : t('registry.fullTag')}
          </Tag>
        )
      }
    >
      {shown.isPending && (
        <div className="haven-page-loading" role="status">
          <Spin />
          <span>{t('page.loading')}</span>
        </div>
      )}
      {shown.isError && (
        <Alert
          type="error"
          showIcon
          message={t('registry.fileFailed')}
          description={describeApiError(shown.error, t)}
        />
      )}
      {child && !shown.isPending && (
        <>
          <ChildFile child={child} />
          <div className="haven-drawer-actions">
            <Button
              type="primary"
              icon={<FileTextOutlined aria-hidden />}
              onClick={() => void navigate(`/registry/${child.id}`)}
            >
              {t('registry.openWholeFile')}
            </Button>
          </div>
          {can('children.unmask') && (
            <div className="haven-drawer-actions">
              {unmask ? (
                <Button icon={<EyeInvisibleOutlined aria-hidden />} onClick={() => setUnmask(false)}>
                  {t('registry.hideFull')}
                </Button>
              ) : (
                <Button icon={<EyeOutlined aria-hidden />} onClick={() => setUnmask(true)}>
                  {t('registry.showFull')}
                </Button>
              )}
              <p className="haven-hint">{t('registry.unmaskAudited')}</p>
            </div>
          )}
        </>
      )}
    </Drawer>
  );
}
