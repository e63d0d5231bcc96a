import { Form } from 'antd';
import { useTranslation } from 'react-i18next';
import { ChoiceGroup } from '../../../app/forms/ChoiceGroup';

// Its own module: the public report page needs only this of the staff form's fields, and
// ReportFields brings the division picker, the date picker and the child search with it.
/** Is the child in danger now: first and prominent, because it starts the two-hour clock. */
export function DangerField({ shortcut = false }: { shortcut?: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="haven-danger-box">
      <Form.Item
        name="immediateDanger"
        label={
          <span>
            {t('reports.field.danger')}
            {shortcut && (
              <span className="haven-shortcut">
                {' '}
                <kbd aria-hidden>Alt+D</kbd>
              </span>
            )}
          </span>
        }
        rules={[{ required: true, message: t('reports.field.dangerRequired') }]}
        extra={t('reports.field.dangerHelp')}
      >
        <ChoiceGroup
          optionType="button"
          buttonStyle="solid"
          options={[
            { value: true, label: t('reports.field.dangerYes') },
            { value: false, label: t('reports.field.dangerNo') },
          ]}
        />
      </Form.Item>
    </div>
  );
}
