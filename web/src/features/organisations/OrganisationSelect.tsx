import { useTranslation } from 'react-i18next';
import { RemoteSearchSelect, type RemoteSelectFieldProps } from '../../app/forms/RemoteSearchSelect';
import { useOrganisations } from './organisationsApi';

function useOrganisationOptions(query: string) {
  const organisations = useOrganisations({ q: query || undefined, pageSize: 50 });
  return {
    options: (organisations.data?.items ?? []).map((organisation) => ({
      value: organisation.id,
      label: organisation.name,
    })),
    isFetching: organisations.isFetching,
  };
}

/** Picks an organisation by typing part of its name. */
export function OrganisationSelect(props: RemoteSelectFieldProps) {
  const { t } = useTranslation();
  return (
    <RemoteSearchSelect
      {...props}
      useResults={useOrganisationOptions}
      placeholder={t('organisations.selectPlaceholder')}
      emptyText={() => t('organisations.noMatch')}
    />
  );
}
