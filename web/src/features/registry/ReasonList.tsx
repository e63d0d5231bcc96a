import { useTranslation } from 'react-i18next';
import type { Reason } from './api/duplicatesApi';
import { codeText } from './labels';

/** Why two files may be the same child, in the reader's words. */
export function ReasonList({ reasons }: { reasons: Reason[] }) {
  const { t } = useTranslation();
  return (
    <ul className="haven-pair-reasons">
      {reasons.map((reason, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: one code can appear twice (two members); the list never reorders
        <li key={`${reason.code}-${i}`}>{codeText(t, `registry.duplicateReason.${reason.code}`, reason.params)}</li>
      ))}
    </ul>
  );
}
