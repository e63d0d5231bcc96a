import { TeamOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CaseDetail } from '../api/casesApi';

/**
 * The cases of the child's siblings, opened with this one (issue 17: nobody handles half a family).
 * Those the reader may open are linked; the others are only counted.
 */
export function SiblingCases({ caseDetail }: { caseDetail: Pick<CaseDetail, 'siblingCases' | 'siblingCasesHidden'> }) {
  const { t } = useTranslation();
  const { siblingCases, siblingCasesHidden } = caseDetail;
  if (siblingCases.length === 0 && siblingCasesHidden === 0) return null;
  return (
    <section className="haven-case-section" aria-labelledby="haven-case-siblings">
      <h2 id="haven-case-siblings">
        <TeamOutlined aria-hidden /> {t('cases.detail.siblingCases')}
      </h2>
      {siblingCases.length > 0 && (
        <ul>
          {siblingCases.map((sibling) => (
            <li key={sibling.id}>
              <Link to={`/cases/${sibling.id}`}>{sibling.caseNo}</Link> · {sibling.childName}
            </li>
          ))}
        </ul>
      )}
      {siblingCasesHidden > 0 && (
        <p className="haven-secondary">{t('cases.detail.siblingCasesHidden', { count: siblingCasesHidden })}</p>
      )}
    </section>
  );
}
