import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { queryString, requestJson } from '../../../app/api/client';
import {
  type RemoteOption,
  RemoteSearchSelect,
  type RemoteSelectFieldProps,
} from '../../../app/forms/RemoteSearchSelect';
import { list, obj, str } from '../../cases/api/read';

async function searchPlaces(q: string, signal: AbortSignal): Promise<RemoteOption[]> {
  const body = await requestJson(`/api/public/divisions${queryString({ q })}`, { signal });
  return list(Array.isArray(body) ? body : obj(body).items, (item) => {
    const code = str(item.code);
    const name = str(item.path) ?? str(item.fullName) ?? str(item.name);
    return code && name ? { value: code, label: name } : null;
  });
}

function usePlaces(query: string) {
  const places = useQuery({
    queryKey: ['public-places', query],
    queryFn: ({ signal }) => searchPlaces(query, signal),
    enabled: query.length > 0,
    retry: false,
  });
  return { options: places.data ?? [], isFetching: places.isFetching };
}

/** A town or village by name, for people without an account (the signed-in picker browses a jurisdiction). */
export function PublicPlacePicker(props: RemoteSelectFieldProps) {
  const { t } = useTranslation();
  return (
    <RemoteSearchSelect
      {...props}
      useResults={usePlaces}
      placeholder={t('reports.public.placePlaceholder')}
      emptyText={(query) => (query ? t('reports.public.placeNoMatch') : t('reports.public.placeTypeToSearch'))}
    />
  );
}
