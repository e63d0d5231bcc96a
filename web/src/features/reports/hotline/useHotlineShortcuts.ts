import type { FormInstance } from 'antd';
import { useEffect } from 'react';

export interface HotlineShortcutActions {
  form: FormInstance;
  submit: () => void;
  newCall: () => void;
  openHelp: () => void;
  /** `?` opens the cheat sheet unless single-key shortcuts are switched off. */
  singleKeys: boolean;
  enabled: boolean;
}

function typingIn(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))
  );
}

/**
 * The console's keys: Alt+1…9 tick a situation, Alt+D marks danger, Alt+A anonymous, Ctrl+Enter
 * sends, Alt+N starts a new call, ? shows the list. Alt and Ctrl keys work while typing; `?` does not.
 */
export function useHotlineShortcuts({
  form,
  submit,
  newCall,
  openHelp,
  singleKeys,
  enabled,
}: HotlineShortcutActions): void {
  useEffect(() => {
    if (!enabled) return;
    function onKey(event: KeyboardEvent) {
      if ((event.ctrlKey || event.metaKey) && event.key === 'Enter') {
        event.preventDefault();
        submit();
        return;
      }
      if (event.altKey && !event.ctrlKey && !event.metaKey) {
        const digit = /^Digit([1-9])$/.exec(event.code);
        if (digit) {
          event.preventDefault();
          const n = Number(digit[1]);
          const current = (form.getFieldValue('situations') as number[] | undefined) ?? [];
          const next = current.includes(n) ? current.filter((x) => x !== n) : [...current, n].sort((a, b) => a - b);
          form.setFieldValue('situations', next);
          void form.validateFields(['situations']).catch(() => undefined);
          return;
        }
        if (event.code === 'KeyD') {
          event.preventDefault();
          form.setFieldValue('immediateDanger', form.getFieldValue('immediateDanger') !== true);
          void form.validateFields(['immediateDanger']).catch(() => undefined);
          return;
        }
        if (event.code === 'KeyA') {
          event.preventDefault();
          form.setFieldValue('anonymous', form.getFieldValue('anonymous') !== true);
          return;
        }
        if (event.code === 'KeyN') {
          event.preventDefault();
          newCall();
          return;
        }
      }
      if (singleKeys && event.key === '?' && !typingIn(event.target)) {
        event.preventDefault();
        openHelp();
      }
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [form, submit, newCall, openHelp, singleKeys, enabled]);
}
