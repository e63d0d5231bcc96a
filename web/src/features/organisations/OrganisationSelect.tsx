import { Spin } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormSelect } from '../../app/forms/FormSelect';
import { useOrganisations } from './organisationsApi';

interface OrganisationSelectProps {
  value?: string;
  onChange?: (id: string | undefined) => void;
  id?: string;
  'aria-describedby'?: string;
  'aria-invalid'?: boolean;
  'aria-required'?: boolean;
}

/** Picks an organisation by typing part of its name (searched on the server, 300 ms after typing stops). */
export function OrganisationSelect({ value, onChange, id, ...aria }: OrganisationSelectProps) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [query, setQuery] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setQuery(text.trim()), 300);
    return () => clearTimeout(timer);
  }, [text]);
  // Each typed text is its own query, so an older, slower answer never replaces a newer one.
  const organisations = useOrganisations({ q: query || undefined, pageSize: 50 });
  // The chosen one keeps its name even when a later search no longer lists it.
  const [chosen, setChosen] = useState<{ value: string; label: string } | null>(null);
  const options = (organisations.data?.items ?? []).map((organisation) => ({ value: organisation.id, label: organisation.name }));
  if (chosen && chosen.value === value && !options.some((option) => option.value === value)) options.unshift(chosen);
  return (
    <FormSelect<string>
      id={id}
      {...aria}
      showSearch
      allowClear
      value={value}
      onChange={(next) => {
        setChosen(options.find((option) => option.value === next) ?? null);
        onChange?.(next);
      }}
      searchValue={text}
      onSearch={setText}
      filterOption={false}
      placeholder={t('organisations.selectPlaceholder')}
      notFoundContent={organisations.isFetching ? <Spin size="small" /> : t('organisations.noMatch')}
      options={options}
    />
  );
}
