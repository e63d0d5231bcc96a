import { FilterOutlined, ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, Form, type FormInstance } from 'antd';
import { Children, useEffect, useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { usePhoneLayout } from '../preferences/usePhoneLayout';

interface QueryFormProps<T extends object> {
  form: FormInstance<T>;
  /** The filters now in force, shown in the fields (after Back, a reload or a restored search). */
  initial: Partial<T>;
  onSearch: (values: T) => void;
  onReset: () => void;
  /** Accessible name of the search region, e.g. "查询条件". */
  label: string;
  children: ReactNode;
}

/**
 * The query form above a list, as county staff know it: fields in a grid, Enter or 搜索 to search,
 * 重置 to clear every filter. On a phone only the first field (the search box) shows; the other
 * filters fold under 筛选 (still in the form, so what they hold is kept), and the results stay in view.
 */
export function QueryForm<T extends object>({ form, initial, onSearch, onReset, label, children }: QueryFormProps<T>) {
  const { t } = useTranslation();
  const phone = usePhoneLayout();
  const [unfolded, setUnfolded] = useState(false);
  const foldId = useId();
  const [first, ...rest] = Children.toArray(children);
  const folded = phone && !unfolded && rest.length > 0;
  const filtersInForce = Object.entries(initial).filter(
    ([key, value]) => key !== Object.keys(initial)[0] && value !== undefined && value !== null && value !== '',
  ).length;
  const initialKey = JSON.stringify(initial);
  useEffect(() => {
    form.resetFields();
    form.setFieldsValue(JSON.parse(initialKey) as Parameters<typeof form.setFieldsValue>[0]);
  }, [form, initialKey]);

  return (
    <section className="haven-query" aria-label={label}>
      <Form<T> form={form} name="query" layout="vertical" className="haven-query-form" onFinish={onSearch}>
        {first}
        {phone && rest.length > 0 && (
          <Button
            className="haven-query-fold"
            icon={<FilterOutlined aria-hidden />}
            aria-expanded={!folded}
            aria-controls={foldId}
            onClick={() => setUnfolded(!unfolded)}
          >
            {filtersInForce > 0 ? t('list.filtersCount', { count: filtersInForce }) : t('list.filters')}
          </Button>
        )}
        <div id={foldId} className="haven-query-more" hidden={folded}>
          {rest}
        </div>
        <div className="haven-query-actions">
          <Button type="primary" htmlType="submit" icon={<SearchOutlined aria-hidden />}>
            {t('list.search')}
          </Button>
          <Button
            icon={<ReloadOutlined aria-hidden />}
            onClick={() => {
              form.resetFields();
              onReset();
            }}
          >
            {t('list.reset')}
          </Button>
        </div>
      </Form>
    </section>
  );
}
