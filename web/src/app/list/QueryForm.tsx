import { ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, Form, type FormInstance } from 'antd';
import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

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
 * 重置 to clear every filter.
 */
export function QueryForm<T extends object>({ form, initial, onSearch, onReset, label, children }: QueryFormProps<T>) {
  const { t } = useTranslation();
  const initialKey = JSON.stringify(initial);
  useEffect(() => {
    form.resetFields();
    form.setFieldsValue(JSON.parse(initialKey) as Parameters<typeof form.setFieldsValue>[0]);
  }, [form, initialKey]);

  return (
    <section className="haven-query" aria-label={label}>
      <Form<T> form={form} name="query" layout="vertical" className="haven-query-form" onFinish={onSearch}>
        {children}
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
