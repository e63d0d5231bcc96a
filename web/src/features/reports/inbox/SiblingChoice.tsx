import { Checkbox, Form } from 'antd';
import { useTranslation } from 'react-i18next';
import { useChildHousehold } from '../../households/householdsApi';

/**
 * 立案 for a child whose household has siblings (issue 17): the siblings I may see are offered,
 * ticked, so one case per child opens, linked as siblings — nobody handles half a family. Siblings
 * outside my area are only counted: their case is for the office that sees them.
 */
export function SiblingChoice({ childId }: { childId: string }) {
  const { t } = useTranslation();
  const household = useChildHousehold(childId).data?.household;
  if (!household) return null;
  const siblings = household.children.filter((c) => c.childId !== childId);
  if (siblings.length === 0 && household.childrenOutsideScope === 0) return null;
  return (
    <>
      {siblings.length > 0 && (
        <Form.Item
          name="siblingChildIds"
          label={t('reports.inbox.siblings')}
          extra={t('reports.inbox.siblingsHelp')}
          initialValue={siblings.map((s) => s.childId)}
        >
          <Checkbox.Group
            className="haven-sibling-choice"
            options={siblings.map((s) => ({ value: s.childId, label: s.name }))}
          />
        </Form.Item>
      )}
      {household.childrenOutsideScope > 0 && (
        <p className="haven-secondary">
          {t('reports.inbox.siblingsOutside', { count: household.childrenOutsideScope })}
        </p>
      )}
    </>
  );
}
