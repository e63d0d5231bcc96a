import { Button } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import './drawer.css';

// The drawer (antd's Drawer, Descriptions, the acknowledge flow) arrives when a number is about to
// be opened: lists and my work show numbers on their first screen without carrying it.
const loadDrawer = () => import('./ReportDrawer');
const ReportDrawer = lazy(() => loadDrawer().then((module) => ({ default: module.ReportDrawer })));

/** A report's number that opens its drawer, wherever the number is shown. */
export function ReportNumber({ id, refNo }: { id: string; refNo: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button
        type="link"
        className="haven-report-number haven-code"
        onPointerEnter={() => void loadDrawer()}
        onFocus={() => void loadDrawer()}
        onClick={() => setOpen(true)}
        aria-label={t('reports.drawer.open', { refNo })}
        aria-haspopup="dialog"
      >
        {refNo}
      </Button>
      {open && (
        <Suspense fallback={null}>
          <ReportDrawer reportId={id} onClose={() => setOpen(false)} />
        </Suspense>
      )}
    </>
  );
}
