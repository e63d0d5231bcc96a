import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { queryString, requestJson } from '../../../app/api/client';
import {
  type RemoteOption,
  RemoteSearchSelect,
  type RemoteSelectFieldProps,
} from '../../../app/forms/RemoteSearchSelect';
import { list, obj, str } from '../../cases/api/read';

async function searchChildren(q: string, signal: AbortSignal): Promise<RemoteOption[]> {
  const body = obj(await requestJson(`/api/children${queryString({ q, pageSize: 10 })}`, { signal }));
  return list(body.items, (item) => {
    const id = str(item.id);
    const name = str(item.name);
    if (!id || !name) return null;
    const detail = [str(item.birthDate), str(item.idNumber), str(item.residenceName) ?? str(item.address)]
      .filter(Boolean)
      .join(' · ');
    return { value: id, label: detail ? `${name}（${detail}）` : name };
  });
}

function useChildHits(query: string) {
  const hits = useQuery({
    queryKey: ['children', 'pick', query],
    queryFn: ({ signal }) => searchChildren(query, signal),
    enabled: query.length > 0,
  });
  return { options: hits.data ?? [], isFetching: hits.isFetching };
}

/** Finds a child in the registry by name, pinyin or initials. */
export function ChildSearchSelect(props: RemoteSelectFieldProps) {
  const { t } = useTranslation();
  return (
    <RemoteSearchSelect
      {...props}
      useResults={useChildHits}
      placeholder={t('reports.child.searchPlaceholder')}
      emptyText={(query) => (query ? t('reports.child.noMatch') : t('reports.child.typeToSearch'))}
    />
  );
}
