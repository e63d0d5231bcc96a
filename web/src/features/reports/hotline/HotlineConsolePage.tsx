import { PhoneOutlined, QuestionCircleOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, Button, Checkbox, Form, Input, Radio, Select } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeApiError } from '../../../app/api/describeApiError';
import { FormSelect } from '../../../app/forms/FormSelect';
import { showFieldProblems } from '../../../app/forms/serverErrors';
import { readStoredValue, writeStoredValue } from '../../../app/preferences/storage';
import { hotlineLines, type HotlineLine } from '@contract/reports/vocabulary.js';
import { callerRelations } from './callerRelations';
import { codeText } from '../../cases/labels';
import {
  ChildFields,
  DangerField,
  reportBody,
  reportFieldNames,
  WhatHappenedFields,
  WhereFields,
  type ReportFieldValues,
} from '../forms/ReportFields';
import { ReportResult } from '../forms/ReportResult';
import { submitReport, type SubmittedReport } from '../reportsApi';
import { ShortcutHelp } from './ShortcutHelp';
import { minutesAndSeconds, useCallTimer } from './useCallTimer';
import { useHotlineShortcuts } from './useHotlineShortcuts';
import { useContractFailure } from '../../../app/api/useContractFailure';
import { EarlierCalls, PossibleChildren } from './CallContext';
import { SentReportClocks } from './LegalClock';
import './hotline.css';

interface HotlineValues extends ReportFieldValues {
  callType?: 'report' | 'silent' | 'nuisance';
  hotlineLine?: HotlineLine;
  callerName?: string;
  relationship?: string;
  phone?: string;
  anonymous?: boolean;
}

const lineKey = 'haven.hotline.line';
const singleKeysKey = 'haven.shortcuts.single';

/**
 * 热线受理: one keyboard-first page an operator fills while the caller talks. The call type comes
 * first, so a silent or nuisance call ends in two clicks; Alt keys tick situations; Ctrl+Enter sends.
 */
export default function HotlineConsolePage() {
  const { t } = useTranslation();
  const contractFailure = useContractFailure();
  const [form] = Form.useForm<HotlineValues>();
  const [startedAt, setStartedAt] = useState(() => Date.now());
  const seconds = useCallTimer(startedAt);
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID());
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [result, setResult] = useState<SubmittedReport | null>(null);
  const [helpOpen, setHelpOpen] = useState(false);
  const [singleKeys, setSingleKeys] = useState(() => readStoredValue(singleKeysKey) !== 'off');
  const [closedCalls, setClosedCalls] = useState(0);
  const first = useRef<HTMLDivElement>(null);
  const callType = Form.useWatch('callType', form) ?? 'report';
  const anonymous = Form.useWatch('anonymous', form) === true;
  const danger = Form.useWatch('immediateDanger', form) === true;
  const callerPhone = Form.useWatch('phone', form);
  const callerName = Form.useWatch('callerName', form);
  const storedLine = readStoredValue(lineKey);
  const initialLine = hotlineLines.find((line) => line === storedLine) ?? '12338';

  const focusFirst = useCallback(
    () => setTimeout(() => first.current?.querySelector<HTMLInputElement>('input:checked, input')?.focus(), 0),
    [],
  );
  useEffect(() => {
    focusFirst();
  }, [focusFirst]);

  const newCall = useCallback(() => {
    form.resetFields();
    setResult(null);
    setFailure(null);
    setStartedAt(Date.now());
    setIdempotencyKey(crypto.randomUUID());
    focusFirst();
  }, [form, focusFirst]);

  async function save(values: HotlineValues) {
    setSaving(true);
    setFailure(null);
    try {
      if (values.hotlineLine) writeStoredValue(lineKey, values.hotlineLine);
      const sent = await submitReport(
        {
          ...(await reportBody(values)),
          channel: 'hotline',
          line: values.hotlineLine ?? initialLine,
          caller: {
            anonymous: values.anonymous === true,
            name: values.anonymous ? undefined : values.callerName?.trim() || undefined,
            relationship: values.relationship
              ? codeText(t, `reports.relation.${values.relationship}`, values.relationship)
              : undefined,
            callbackPhone: values.anonymous ? undefined : values.phone?.trim() || undefined,
          },
        },
        idempotencyKey,
      );
      setResult(sent);
    } catch (error) {
      if (contractFailure(error)) return;
      const placed = showFieldProblems(form, error, [...reportFieldNames, 'caller', 'line']);
      setFailure(describeApiError(error, t) + (placed ? ` ${t('reports.form.seeFields')}` : ''));
    } finally {
      setSaving(false);
    }
  }

  const submit = useCallback(() => {
    if (!result && !saving) form.submit();
  }, [form, result, saving]);
  const openHelp = useCallback(() => setHelpOpen(true), []);
  useHotlineShortcuts({ form, submit, newCall, openHelp, singleKeys, enabled: !helpOpen });

  return (
    <div className="haven-hotline">
      <div className="haven-hotline-bar" role="group" aria-label={t('reports.hotline.callBar')}>
        <span>
          <PhoneOutlined aria-hidden /> {t('reports.hotline.callTime')}{' '}
          <span className="haven-hotline-timer" aria-hidden>
            {minutesAndSeconds(seconds)}
          </span>
        </span>
        <span className={danger ? 'haven-case-late' : 'haven-secondary'} role="status">
          {t(danger ? 'reports.hotline.legalClockDanger' : 'reports.hotline.legalClockNormal')}
        </span>
        {closedCalls > 0 && (
          <span className="haven-secondary">{t('reports.hotline.closedCalls', { count: closedCalls })}</span>
        )}
        <Button icon={<QuestionCircleOutlined aria-hidden />} onClick={openHelp}>
          {t('reports.hotline.shortcuts')} {singleKeys && <kbd aria-hidden>?</kbd>}
        </Button>
      </div>
      <ShortcutHelp
        open={helpOpen}
        onClose={() => setHelpOpen(false)}
        singleKeys={singleKeys}
        onSingleKeys={(on) => {
          setSingleKeys(on);
          writeStoredValue(singleKeysKey, on ? 'on' : 'off');
        }}
      />
      {result ? (
        <>
          <ReportResult report={result} onAnother={newCall} />
          {result.id && <SentReportClocks reportId={result.id} />}
        </>
      ) : (
        <div className="haven-hotline-layout">
          <Form<HotlineValues>
            form={form}
            name="hotline"
            layout="vertical"
            className="haven-form-sections"
            initialValues={{ callType: 'report', hotlineLine: initialLine, anonymous: false, situations: [] }}
            onFinish={(values) => void save(values)}
            scrollToFirstError={{ focus: true, block: 'center' }}
          >
            <fieldset>
              <legend>{t('reports.section.call')}</legend>
              <div className="haven-form-row">
                <div ref={first}>
                  <Form.Item name="callType" label={t('reports.hotline.callType')}>
                    <Radio.Group
                      optionType="button"
                      options={[
                        { value: 'report', label: t('reports.hotline.callReport') },
                        { value: 'silent', label: t('reports.hotline.callSilent') },
                        { value: 'nuisance', label: t('reports.hotline.callNuisance') },
                      ]}
                    />
                  </Form.Item>
                </div>
                {callType !== 'report' ? (
                  <Button
                    type="primary"
                    onClick={() => {
                      setClosedCalls((count) => count + 1);
                      newCall();
                    }}
                  >
                    {t('reports.hotline.endCall')}
                  </Button>
                ) : (
                  <Form.Item name="hotlineLine" label={t('reports.hotline.line')}>
                    <Select
                      options={hotlineLines.map((line) => ({ value: line, label: t(`reports.hotlineLine.l${line}`) }))}
                    />
                  </Form.Item>
                )}
              </div>
            </fieldset>
            {callType === 'report' && (
              <>
                <DangerField shortcut />
                <fieldset>
                  <legend>{t('reports.section.caller')}</legend>
                  <Form.Item name="anonymous" valuePropName="checked">
                    <Checkbox>
                      {t('reports.field.anonymous')} <kbd aria-hidden>Alt+A</kbd>
                    </Checkbox>
                  </Form.Item>
                  <div className="haven-form-row">
                    {!anonymous && (
                      <>
                        <Form.Item name="callerName" label={t('reports.field.callerName')}>
                          <Input maxLength={60} autoComplete="off" />
                        </Form.Item>
                        <Form.Item
                          name="phone"
                          label={t('reports.field.callback')}
                          rules={[
                            {
                              required: true,
                              pattern: /^[0-9+\-\s]{5,20}$/,
                              message: t('reports.field.callbackRequired'),
                            },
                          ]}
                        >
                          <Input maxLength={20} inputMode="tel" autoComplete="off" />
                        </Form.Item>
                      </>
                    )}
                    <Form.Item name="relationship" label={t('reports.field.relationship')}>
                      <FormSelect
                        allowClear
                        showSearch
                        optionFilterProp="label"
                        options={callerRelations.map((code) => ({ value: code, label: t(`reports.relation.${code}`) }))}
                      />
                    </Form.Item>
                  </div>
                  {!anonymous && <EarlierCalls phone={callerPhone} />}
                </fieldset>
                <WhatHappenedFields shortcuts />
                <WhereFields />
                <ChildFields />
                {failure && <Alert type="error" showIcon message={failure} className="haven-form-alert" />}
                <div className="haven-form-footer">
                  <Button
                    type="primary"
                    htmlType="submit"
                    size="large"
                    icon={<SendOutlined aria-hidden />}
                    loading={saving}
                  >
                    {t('reports.form.submit')} <kbd aria-hidden>Ctrl+Enter</kbd>
                  </Button>
                  <Button onClick={newCall}>{t('reports.hotline.newCall')}</Button>
                </div>
              </>
            )}
          </Form>
          {callType === 'report' && !anonymous && <PossibleChildren phone={callerPhone} callerName={callerName} />}
        </div>
      )}
    </div>
  );
}
