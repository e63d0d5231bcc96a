import { useQuery } from '@tanstack/react-query';
import { Spin } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { queryString, requestJson } from '../../../app/api/client';
import { FormSelect } from '../../../app/forms/FormSelect';
import { list, obj, str } from '../../cases/api/read';

async function searchPlaces(q: string, signal: AbortSignal): Promise<{ value: string; label: string }[]> {
  const body = await requestJson(`/api/public/divisions${queryString({ q })}`, { signal });
  return list(Array.isArray(body) ? body : obj(body).items, (item) => {
    const code = str(item.code);
    const name = str(item.path) ?? str(item.fullName) ?? str(item.name);
    return code && name ? { value: code, label: name } : null;
  });
}

interface PublicPlacePickerProps {
  value?: string;
  onChange?: (code: string | undefined) => void;
  id?: string;
  'aria-describedby'?: string;
  'aria-invalid'?: boolean;
  'aria-required'?: boolean;
}

/** A town or village by name, for people without an account (the signed-in picker browses a jurisdiction). */
export function PublicPlacePicker({ value, onChange, id, ...aria }: PublicPlacePickerProps) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [query, setQuery] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setQuery(text.trim()), 300);
    return () => clearTimeout(timer);
  }, [text]);
  const places = useQuery({ queryKey: ['public-places', query], queryFn: ({ signal }) => searchPlaces(query, signal), enabled: query.length > 0, retry: false });
  const [chosen, setChosen] = useState<{ value: string; label: string } | null>(null);
  const options = places.data ?? [];
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
      placeholder={t('reports.public.placePlaceholder')}
      notFoundContent={places.isFetching ? <Spin size="small" /> : query ? t('reports.public.placeNoMatch') : t('reports.public.placeTypeToSearch')}
      options={options}
    />
  );
}
