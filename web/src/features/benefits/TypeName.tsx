import { nationalBenefitTypes } from '@contract/benefits/vocabulary.js';
import { useTranslation } from 'react-i18next';

/** A benefit type by its national code (named in the reader's language) or its local code. */
export function TypeName({ code }: { code: string }) {
  const { t } = useTranslation();
  const national = (nationalBenefitTypes as readonly string[]).includes(code);
  return (
    <span>
      {national ? t(`benefits.type.${code as (typeof nationalBenefitTypes)[number]}`) : code}{' '}
      <span className="haven-code haven-secondary">{code}</span>
    </span>
  );
}
