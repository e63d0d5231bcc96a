import { DownloadOutlined, EyeInvisibleOutlined, EyeOutlined, PrinterOutlined } from '@ant-design/icons';
import { Button, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeApiError } from '../../../app/api/describeApiError';
import { useNotice } from '../../../app/notice/useNotice';
import { download } from '../api/importApi';
import type { ChildFile } from '../api/fileApi';
import { ReferButton } from '../../referrals/ReferButton';
import { CategoryTags, RiskTag, StatusTag } from '../labels';

interface FileHeaderProps {
  file: ChildFile;
  unmasked: boolean;
  canUnmask: boolean;
  onUnmask: (unmask: boolean) => void;
}

/** Who the file is about, always in view: name, masked ID, categories, risk, and what may be done now. */
export function FileHeader({ file, unmasked, canUnmask, onUnmask }: FileHeaderProps) {
  const { t } = useTranslation();
  const notice = useNotice();
  const [downloading, setDownloading] = useState(false);

  async function downloadPdf() {
    setDownloading(true);
    try {
      await download(`/api/children/${file.id}/file.pdf`, `${file.havenCode ?? file.id}.pdf`);
    } catch (error) {
      void notice.error(describeApiError(error, t));
    } finally {
      setDownloading(false);
    }
  }

  return (
    <section className="haven-file-header" aria-label={t('registry.file.summary')}>
      <div className="haven-file-who">
        <h2 className="haven-file-name">{file.name}</h2>
        <span className="haven-code">{file.idNumber ?? t('registry.file.noIdNumber')}</span>
        {file.havenCode && <span className="haven-code haven-secondary">{file.havenCode}</span>}
        <Tag color={file.masked ? 'default' : 'warning'}>
          {file.masked ? t('registry.maskedTag') : t('registry.fullTag')}
        </Tag>
        {file.provisionalIdentity && <Tag color="warning">{t('registry.file.provisional')}</Tag>}
        <StatusTag status={file.status} />
        <RiskTag grade={file.riskGrade} />
        {file.categories.length > 0 && <CategoryTags codes={file.categories} />}
      </div>
      <div className="haven-file-actions haven-no-print">
        <ReferButton childId={file.id} division={file.residenceCode} />
        {canUnmask &&
          (unmasked ? (
            <Button icon={<EyeInvisibleOutlined aria-hidden />} onClick={() => onUnmask(false)}>
              {t('registry.hideFull')}
            </Button>
          ) : (
            <Button
              icon={<EyeOutlined aria-hidden />}
              onClick={() => onUnmask(true)}
              title={t('registry.unmaskAudited')}
            >
              {t('registry.showFull')}
            </Button>
          ))}
        <Button icon={<PrinterOutlined aria-hidden />} onClick={() => window.print()}>
          {t('registry.file.print')}
        </Button>
        <Button icon={<DownloadOutlined aria-hidden />} loading={downloading} onClick={() => void downloadPdf()}>
          {t('registry.file.pdf')}
        </Button>
      </div>
    </section>
  );
}
