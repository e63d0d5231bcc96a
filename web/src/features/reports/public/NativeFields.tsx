import { CloseCircleFilled, ExclamationCircleFilled, InfoCircleFilled } from '@ant-design/icons';
import type { ReactNode } from 'react';
import './public.css';

// The public report page is drawn with native inputs (issue 14): antd's Form, Select, Input and
// Checkbox were ~100 KB of the 300 KB a first load on slow 3G may carry. These keep what the
// antd fields gave it: a label for each field, help and error next to it (aria-describedby),
// aria-invalid, 44 px touch targets on phones and elder mode's larger text.

/** What a field passes to its control so the label, help and error are announced with it. */
export interface ControlProps {
  id: string;
  'aria-describedby'?: string;
  'aria-invalid'?: true;
  'aria-required'?: true;
}

interface FieldProps {
  id: string;
  label: ReactNode;
  help?: ReactNode;
  error?: string | undefined;
  required?: boolean;
  /** Radio buttons and checkboxes: a fieldset and its legend instead of a label. */
  group?: boolean;
  children: (control: ControlProps) => ReactNode;
}

function describedBy(id: string, help: boolean, error: boolean): string | undefined {
  const ids = [error ? `${id}-error` : '', help ? `${id}-help` : ''].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

export function Field({ id, label, help, error, required = false, group = false, children }: FieldProps) {
  const described = describedBy(id, help !== undefined, error !== undefined);
  const control: ControlProps = {
    id,
    ...(described ? { 'aria-describedby': described } : {}),
    ...(error ? { 'aria-invalid': true as const } : {}),
    ...(required && !group ? { 'aria-required': true as const } : {}),
  };
  const labelText = (
    <>
      {required && (
        <span className="haven-field-required" aria-hidden="true">
          *
        </span>
      )}
      {label}
    </>
  );
  const body = (
    <>
      {children(control)}
      {error && (
        <div id={`${id}-error`} className="haven-field-error">
          {error}
        </div>
      )}
      {help !== undefined && (
        <div id={`${id}-help`} className="haven-field-help">
          {help}
        </div>
      )}
    </>
  );
  if (group)
    return (
      <fieldset className={`haven-field haven-field-group${error ? ' haven-field-has-error' : ''}`}>
        <legend className="haven-field-label">{labelText}</legend>
        {body}
      </fieldset>
    );
  return (
    <div className={`haven-field${error ? ' haven-field-has-error' : ''}`}>
      <label className="haven-field-label" htmlFor={id}>
        {labelText}
      </label>
      {body}
    </div>
  );
}

const noticeIcons = {
  warning: <ExclamationCircleFilled aria-hidden />,
  error: <CloseCircleFilled aria-hidden />,
  info: <InfoCircleFilled aria-hidden />,
};

/** A message box drawn like antd's Alert (icon, tinted background, border). */
export function Notice({
  type,
  message,
  description,
}: {
  type: keyof typeof noticeIcons;
  message: ReactNode;
  description?: ReactNode;
}) {
  return (
    <div className={`haven-notice haven-notice-${type} haven-form-alert`} role={type === 'error' ? 'alert' : undefined}>
      <span className="haven-notice-icon">{noticeIcons[type]}</span>
      <div className="haven-notice-content">
        <div className="haven-notice-message">{message}</div>
        {description !== undefined && <div className="haven-notice-description">{description}</div>}
      </div>
    </div>
  );
}

/** A text area with the count of characters typed against its limit (antd's showCount). */
export function CountedTextArea({
  value,
  onChange,
  maxLength,
  rows,
  showCount = false,
  ...control
}: ControlProps & {
  value: string;
  onChange: (value: string) => void;
  maxLength: number;
  rows: number;
  showCount?: boolean;
}) {
  return (
    <div className="haven-textarea">
      <textarea
        {...control}
        className="haven-input"
        rows={rows}
        maxLength={maxLength}
        value={value}
        onChange={(event) => onChange(event.target.value)}
      />
      {showCount && (
        <div className="haven-textarea-count" aria-hidden="true">
          {value.length} / {maxLength}
        </div>
      )}
    </div>
  );
}
