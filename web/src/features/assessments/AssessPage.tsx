import { Alert, Empty, Input, List } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { describeApiError } from '../../app/api/describeApiError';
import { useChildSearch } from './assessmentsApi';
import { RiskTag } from './riskTag';
import './assessments.css';

/** Pick a child to assess (no case needed): the registry's search within my scope. */
export default function AssessPage() {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const search = useChildSearch(q);
  return (
    <div className="haven-assessments">
      <p>{t('assessments.standard')}</p>
      <Input.Search
        size="large"
        allowClear
        aria-label={t('assessments.search.placeholder')}
        placeholder={t('assessments.search.placeholder')}
        onSearch={(value) => setQ(value)}
        enterButton
      />
      <p>{t('assessments.search.hint')}</p>
      {search.isError && <Alert type="error" showIcon message={describeApiError(search.error, t)} />}
      {search.data &&
        (search.data.items.length === 0 ? (
          <Empty description={t('assessments.search.empty')} />
        ) : (
          <List
            dataSource={search.data.items}
            renderItem={(child) => (
              <List.Item
                actions={[
                  <Link key="open" to={`/assessments/child/${child.id}`} state={{ childName: child.name }}>
                    {t('assessments.childTitle')}
                  </Link>,
                ]}
              >
                <List.Item.Meta
                  title={child.name}
                  description={
                    <>
                      {child.residenceName} {child.riskGrade && <RiskTag grade={child.riskGrade} />}
                    </>
                  }
                />
              </List.Item>
            )}
          />
        ))}
    </div>
  );
}
