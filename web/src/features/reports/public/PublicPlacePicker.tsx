import { publicDivisionListSchema } from '@contract/reports/views.js';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { queryString, requestParsed } from '../../../app/api/client';
import {
  type RemoteOption,
  RemoteSearchSelect,
  type RemoteSelectFieldProps,
} from '../../../app/forms/RemoteSearchSelect';

async function searchPlaces(q: string, signal: AbortSignal): Promise<RemoteOption[]> {
  const found = await requestParsed(publicDivisionListSchema, `/api/public/divisions${queryString({ q })}`, { signal });
  return found.items.map((place) => ({ value: place.code, label: place.path || place.name }));
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
