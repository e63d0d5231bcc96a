import type { FormInstance } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';

const prefix = 'haven.draft.';

function read(key: string): Record<string, unknown> | null {
  try {
    const text = window.sessionStorage.getItem(prefix + key);
    const value: unknown = text ? JSON.parse(text) : null;
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/**
 * Keeps what a form holds while it is typed, so that a long form survives a timeout, a reload or a
 * dropped connection: restored when the form opens again, cleared once sent. Kept in this tab's
 * sessionStorage (gone when the tab closes), never on the server. `revive` turns stored JSON back
 * into the form's values (a date picker holds a Dayjs).
 */
export function useFormDraft<T extends object>(
  form: FormInstance<T>,
  key: string,
  revive: (stored: Record<string, unknown>) => Partial<T> = (stored) => stored as Partial<T>,
) {
  const [restored, setRestored] = useState(false);
  const reviveRef = useRef(revive);
  useEffect(() => {
    const stored = read(key);
    if (!stored) return;
    form.setFieldsValue(reviveRef.current(stored) as Parameters<typeof form.setFieldsValue>[0]);
    setRestored(true);
  }, [form, key]);

  const save = useCallback(() => {
    try {
      window.sessionStorage.setItem(prefix + key, JSON.stringify(form.getFieldsValue(true)));
    } catch {
      // Storage full or refused: the form still works, only without a draft.
    }
  }, [form, key]);

  const clear = useCallback(() => {
    try {
      window.sessionStorage.removeItem(prefix + key);
    } catch {
      // Nothing stored.
    }
    setRestored(false);
  }, [key]);

  return { restored, onValuesChange: save, clear };
}
