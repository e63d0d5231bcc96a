import type { FormInstance, FormRule } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../../app/format';
import { idFacts, idProblem, isMasked } from '../idCheck';

/** The ID number as the form holds it, with its encoded facts when it is a valid number. */
function facts(form: FormInstance): ReturnType<typeof idFacts> {
  const id = form.getFieldValue('idNumber') as string | null | undefined;
  if (!id || isMasked(id) || idProblem(id) !== null) return null;
  return idFacts(id);
}

/**
 * Inline checks of the ID number (GB 11643) and of the birth date and sex against it: a
 * disagreement is shown next to both fields and must be resolved before saving.
 */
export function useIdRules(form: FormInstance) {
  const { t } = useTranslation();
  const idNumber: FormRule[] = [
    {
      validator: async (_, value: string | null | undefined) => {
        if (!value || isMasked(value)) return;
        const problem = idProblem(value);
        if (problem) throw new Error(t(`registry.form.id.${problem}`));
      },
    },
  ];
  const birthDate: FormRule[] = [
    {
      validator: async (_, value: Dayjs | null | undefined) => {
        const encoded = facts(form);
        if (!value || !encoded) return;
        if (value.format('YYYY-MM-DD') !== encoded.birthDate)
          throw new Error(
            t('registry.form.birthMismatch', {
              id: formatDate(encoded.birthDate, t),
              form: formatDate(value.format('YYYY-MM-DD'), t),
            }),
          );
      },
    },
    {
      validator: async (_, value: Dayjs | null | undefined) => {
        if (value?.isAfter(dayjs())) throw new Error(t('registry.form.birthFuture'));
      },
    },
  ];
  const sex: FormRule[] = [
    {
      validator: async (_, value: string | null | undefined) => {
        const encoded = facts(form);
        if (!value || !encoded) return;
        if (value !== encoded.sex)
          throw new Error(t('registry.form.sexMismatch', { id: t(`registry.sex.${encoded.sex}`) }));
      },
    },
  ];
  return { idNumber, birthDate, sex, facts: () => facts(form) };
}
