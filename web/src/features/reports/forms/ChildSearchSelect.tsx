import { useQuery } from '@tanstack/react-query';
import { Spin } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { queryString, requestJson } from '../../../app/api/client';
import { FormSelect } from '../../../app/forms/FormSelect';
import { list, obj, str } from '../../cases/api/read';

interface ChildHit {
  id: string;
  name: string;
  detail: string;
}

async function searchChildren(q: string, signal: AbortSignal): Promise<ChildHit[]> {
  const body = obj(await requestJson(`/api/children${queryString({ q, pageSize: 10 })}`, { signal }));
  return list(body.items, (item) => {
    const id = str(item.id);
    const name = str(item.name);
    if (!id || !name) return null;
    const detail = [str(item.birthDate), str(item.idNumber), str(item.residenceName) ?? str(item.address)].filter(Boolean).join(' · ');
    return { id, name, detail };
  });
}

interface ChildSearchSelectProps {
  value?: string;
  onChange?: (id: string | undefined) => void;
  id?: string;
  'aria-describedby'?: string;
  'aria-invalid'?: boolean;
  'aria-required'?: boolean;
}

/** Finds a child in the registry by name, pinyin or initials (searched on the server, 300 ms after typing stops). */
export function ChildSearchSelect({ value, onChange, id, ...aria }: ChildSearchSelectProps) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [query, setQuery] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setQuery(text.trim()), 300);
    return () => clearTimeout(timer);
  }, [text]);
  // Each text is its own query key, so a slower, older answer never replaces a newer one.
  const hits = useQuery({ queryKey: ['children', 'pick', query], queryFn: ({ signal }) => searchChildren(query, signal), enabled: query.length > 0 });
  const [chosen, setChosen] = useState<{ value: string; label: string } | null>(null);
  const options = (hits.data ?? []).map((hit) => ({ value: hit.id, label: hit.detail ? `${hit.name}（${hit.detail}）` : hit.name }));
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
      placeholder={t('reports.child.searchPlaceholder')}
      notFoundContent={hits.isFetching ? <Spin size="small" /> : query ? t('reports.child.noMatch') : t('reports.child.typeToSearch')}
      options={options}
    />
  );
}
