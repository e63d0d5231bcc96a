import { Checkbox } from 'antd';
import { useTranslation } from 'react-i18next';
import { situationNumbers } from '@contract/reports/vocabulary.js';

interface SituationChecksProps {
  value?: number[];
  onChange?: (value: number[]) => void;
  id?: string;
  /** Show Alt+1…9 next to each box (the hotline console's shortcuts). */
  shortcuts?: boolean;
}

/** The nine statutory situations (DOMAIN.md §3) as short labels; the long wording is in the title. */
export function SituationChecks({ value = [], onChange, id, shortcuts = false }: SituationChecksProps) {
  const { t } = useTranslation();
  return (
    <div className="haven-situations" id={id}>
      <Checkbox.Group
        value={value}
        onChange={(next) => onChange?.([...next].sort((a, b) => a - b))}
        options={situationNumbers.map((n) => ({
          value: n,
          label: (
            <span title={t(`reports.situationLong.s${n}`)}>
              {t(`reports.situation.s${n}`)}
              {shortcuts && (
                <>
                  {' '}
                  <kbd aria-hidden>Alt+{n}</kbd>
                </>
              )}
            </span>
          ),
        }))}
      />
    </div>
  );
}
