import { Radio } from 'antd';

export interface RadioFieldProps<T extends string> {
  value?: T | null;
  onChange?: (value: T) => void;
  options: { value: T; label: string }[];
  /** The group's name (the Form.Item label does not reach a <div>). */
  label: string;
  vertical?: boolean;
  id?: string;
  'aria-required'?: boolean | 'true' | 'false';
  'aria-invalid'?: boolean | 'true' | 'false';
  'aria-describedby'?: string;
}

/**
 * Radio buttons for Form.Item. antd's Radio.Group is a plain <div>, where Form.Item's
 * `aria-required` is not allowed (axe); here it is a named radiogroup, which may carry it.
 */
export function RadioField<T extends string>({
  value,
  onChange,
  options,
  label,
  vertical,
  id,
  'aria-required': required,
  'aria-invalid': invalid,
  'aria-describedby': describedBy,
}: RadioFieldProps<T>) {
  return (
    <div
      role="radiogroup"
      id={id}
      aria-label={label}
      aria-required={required}
      aria-invalid={invalid}
      aria-describedby={describedBy}
    >
      <Radio.Group
        className={vertical ? 'haven-stack' : undefined}
        value={value ?? undefined}
        onChange={(event) => onChange?.(event.target.value as T)}
        options={options}
      />
    </div>
  );
}
