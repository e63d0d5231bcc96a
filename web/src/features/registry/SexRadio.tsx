import { useTranslation } from 'react-i18next';
import { RadioField, type RadioFieldProps } from './RadioField';

type Sex = 'male' | 'female';

/** 男 / 女 as a named radiogroup for Form.Item. */
export function SexRadio(props: Omit<RadioFieldProps<Sex>, 'options' | 'label'>) {
  const { t } = useTranslation();
  return (
    <RadioField<Sex>
      {...props}
      label={t('registry.sexLabel')}
      options={[
        { value: 'male', label: t('registry.sex.male') },
        { value: 'female', label: t('registry.sex.female') },
      ]}
    />
  );
}
