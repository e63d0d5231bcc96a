import { Select, type SelectProps } from 'antd';
import { useEffect, useRef } from 'react';

/**
 * antd's Select and Cascader put Form.Item's `aria-required` on their outer <div>, where ARIA does
 * not allow it (axe: aria-allowed-attr), and leave it off the input a screen reader reads. Give the
 * returned ref to an element around the control: the attribute moves onto its first input.
 */
export function useAriaRequiredOnInput(required: unknown) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const input = ref.current?.querySelector('input');
    if (!input) return;
    if (required === true || required === 'true') input.setAttribute('aria-required', 'true');
    else input.removeAttribute('aria-required');
  });
  return ref;
}

/** A Select for Form.Item whose "required" reaches the input and not the outer <div>. */
export function FormSelect<T>({
  'aria-required': required,
  ...props
}: SelectProps<T> & { 'aria-required'?: boolean | 'true' | 'false' }) {
  const ref = useAriaRequiredOnInput(required);
  return (
    <div ref={ref}>
      <Select<T> {...props} />
    </div>
  );
}
