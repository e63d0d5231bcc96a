import { Alert, Descriptions, Form, Input, Modal, Spin } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeApiError } from '../../../app/api/describeApiError';
import { showFieldProblems } from '../../../app/forms/serverErrors';
import { situationText, formatMinute } from '../../cases/labels';
import { DivisionName } from '../../divisions/DivisionName';
import { ChildSearchSelect } from '../forms/ChildSearchSelect';
import { SiblingChoice } from './SiblingChoice';
import { openCaseFromReport, useReport } from '../reportsApi';
import { useContractFailure } from '../../../app/api/useContractFailure';
import { usePhoneLayout } from '../../../app/preferences/usePhoneLayout';

interface OpenCaseValues {
  childId?: string;
  reason?: string;
  siblingChildIds?: string[];
}

/** 立案: a case from a report, for the child it names or the child the officer finds. */
export function OpenCaseDialog({
  reportId,
  onClose,
  onOpened,
}: {
  reportId: string | null;
  onClose: () => void;
  onOpened: (caseId: string, joined: boolean) => void;
}) {
  const { t } = useTranslation();
  const contractFailure = useContractFailure();
  // On a phone the labels go above their values: beside them, a long English label left the value a letter wide.
  const phone = usePhoneLayout();
  const report = useReport(reportId);
  const [form] = Form.useForm<OpenCaseValues>();
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const data = report.data;
  const chosenChild = Form.useWatch('childId', form);
  const caseChild = data?.child?.id ?? chosenChild;

  async function save(values: OpenCaseValues) {
    if (!reportId) return;
    setSaving(true);
    setFailure(null);
    try {
      const opened = await openCaseFromReport(
        {
          reportIds: [reportId],
          childId: data?.child ? undefined : values.childId,
          participantIds: [],
          reason: values.reason?.trim() || undefined,
          siblingChildIds: values.siblingChildIds ?? [],
        },
        `${idempotencyKey}:${reportId}`,
      );
      if (opened.id) onOpened(opened.id, opened.joined);
    } catch (error) {
      if (contractFailure(error)) return;
      const placed = showFieldProblems(form, error, ['childId', 'reason']);
      setFailure(describeApiError(error, t) + (placed ? ` ${t('reports.form.seeFields')}` : ''));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open={reportId !== null}
      title={t('reports.inbox.openCaseTitle', { refNo: data?.refNo ?? '' })}
      okText={t('reports.inbox.openCase')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      closable={{ 'aria-label': t('common.close') }}
    >
      {report.isPending && <Spin />}
      {report.isError && <Alert type="error" showIcon message={describeApiError(report.error, t)} />}
      {data && (
        <Descriptions
          size="small"
          column={1}
          layout={phone ? 'vertical' : 'horizontal'}
          items={[
            {
              key: 'situations',
              label: t('reports.field.situations'),
              children: data.situations.map((n) => situationText(t, n)).join(t('cases.punct.listSeparator')),
            },
            { key: 'description', label: t('reports.field.description'), children: data.description },
            {
              key: 'where',
              label: t('reports.section.where'),
              children: (
                <>
                  <DivisionName code={data.divisionCode} /> {data.address ?? ''}
                </>
              ),
            },
            { key: 'child', label: t('reports.section.child'), children: data.child?.name ?? data.unknownChild ?? '—' },
            { key: 'reportedAt', label: t('reports.mine.reportedAt'), children: formatMinute(data.reportedAt, t) },
            ...(data.reporter
              ? [
                  {
                    key: 'reporter',
                    label: t('reports.section.reporter'),
                    children: data.reporter.anonymous
                      ? t('reports.inbox.anonymous')
                      : [
                          data.reporter.name,
                          data.reporter.relationship,
                          data.reporter.phone,
                          data.reporter.organisationName,
                        ]
                          .filter(Boolean)
                          .join(' · '),
                  },
                ]
              : []),
          ]}
        />
      )}
      {failure && <Alert type="error" showIcon message={failure} className="haven-form-alert" />}
      <Form<OpenCaseValues> form={form} layout="vertical" name="openCase" onFinish={(values) => void save(values)}>
        {data && !data.child && (
          <Form.Item
            name="childId"
            label={t('reports.inbox.whichChild')}
            extra={t('reports.inbox.whichChildHelp')}
            rules={[{ required: true, message: t('reports.inbox.whichChildRequired') }]}
          >
            <ChildSearchSelect />
          </Form.Item>
        )}
        {caseChild && <SiblingChoice childId={caseChild} />}
        <Form.Item name="reason" label={t('reports.inbox.reason')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
