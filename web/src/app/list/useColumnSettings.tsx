import { SettingOutlined } from '@ant-design/icons';
import { Button, Checkbox, Popover, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { readStoredValue, writeStoredValue } from '../preferences/storage';
import { usePhoneLayout } from '../preferences/usePhoneLayout';

function storedHidden(key: string): string[] {
  try {
    const value: unknown = JSON.parse(readStoredValue(key) ?? '[]');
    return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
  } catch {
    return [];
  }
}

/**
 * 列设置: which columns of a list's table show, chosen in the toolbar and remembered on this device
 * per list. The first column (what the row is) always shows. Not on a phone, where rows are cards.
 */
export function useColumnSettings<T>(listKey: string, columns: TableColumnsType<T>) {
  const { t } = useTranslation();
  const phone = usePhoneLayout();
  const storageKey = `haven.columns.${listKey}`;
  const [hidden, setHidden] = useState(() => storedHidden(storageKey));
  const keyOf = (column: TableColumnsType<T>[number]) => String(column.key);
  const [first, ...rest] = columns;
  const choose = (shown: string[]) => {
    const next = rest.map(keyOf).filter((key) => !shown.includes(key));
    writeStoredValue(storageKey, JSON.stringify(next));
    setHidden(next);
  };
  const control = phone ? null : (
    <Popover
      trigger="click"
      placement="bottomRight"
      title={t('list.columnsTitle')}
      content={
        <Checkbox.Group
          className="haven-column-settings"
          value={rest.map(keyOf).filter((key) => !hidden.includes(key))}
          options={rest.map((column) => ({ value: keyOf(column), label: String(column.title ?? keyOf(column)) }))}
          onChange={(shown) => choose(shown.map(String))}
        />
      }
    >
      <Button icon={<SettingOutlined aria-hidden />}>{t('list.columns')}</Button>
    </Popover>
  );
  return {
    columns: [...(first ? [first] : []), ...rest.filter((column) => !hidden.includes(keyOf(column)))],
    control,
  };
}
