import { Radio, type RadioGroupProps } from 'antd';

/**
 * antd's Radio.Group takes Form.Item's `aria-required` onto a plain <div>, where ARIA does not
 * allow it (axe: aria-allowed-attr); a radiogroup role around it does allow it.
 */
export function ChoiceGroup({
  'aria-required': required,
  'aria-invalid': invalid,
  'aria-describedby': describedBy,
  ...props
}: RadioGroupProps & {
  'aria-required'?: boolean | 'true' | 'false';
  'aria-invalid'?: boolean | 'true' | 'false';
  'aria-describedby'?: string;
}) {
  return (
    <div role="radiogroup" aria-required={required} aria-invalid={invalid} aria-describedby={describedBy}>
      <Radio.Group {...props} />
    </div>
  );
}
