import { RightOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate } from '../../../app/format';
import type { ChildSummary } from '../childrenApi';
import { CategoryTags, RiskTag, sexText } from '../labels';

/** On a phone: one large row per child, the whole row a link to the file. */
export function ChildCards({ items }: { items: ChildSummary[] }) {
  const { t } = useTranslation();
  return (
    <ul className="haven-card-list">
      {items.map((child) => (
        <li key={child.id}>
          <Link to={`/registry/${child.id}`} className="haven-card-link">
            <span className="haven-card-main">
              <span className="haven-card-title">{child.name}</span>
              <span className="haven-card-line">
                {sexText(t, child.sex)} · {formatDate(child.birthDate, t)}
              </span>
              <span className="haven-card-line haven-code">{child.idNumber ?? child.havenCode ?? '—'}</span>
              <span className="haven-card-tags">
                <RiskTag grade={child.riskGrade} />
                {child.categories.length > 0 && <CategoryTags codes={child.categories} />}
              </span>
            </span>
            <RightOutlined aria-hidden />
          </Link>
        </li>
      ))}
    </ul>
  );
}
