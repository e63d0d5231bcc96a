import { Alert } from 'antd';
import { createContext, useContext, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { type RemoteSelectFieldProps, RemoteSearchSelect } from '../../app/forms/RemoteSearchSelect';
import { useOrganisations } from '../organisations/organisationsApi';
import { type MatrixProvider, useMatrixProviders } from './matrixApi';

/** The matrix's providers of the chosen service, for the select's search hook. */
const ProvidersOfService = createContext<readonly MatrixProvider[]>([]);

function useProviderOptions(query: string) {
  const { t } = useTranslation();
  const providers = useContext(ProvidersOfService);
  const others = useOrganisations({ q: query || undefined, pageSize: 50 });
  const matching = providers.filter((p) => p.name.includes(query));
  return {
    options: [
      ...matching.map((p) => ({
        value: p.id,
        label: `${p.name} · ${t(p.responsibility === 'leads' ? 'serviceMatrix.leads' : 'serviceMatrix.takesPart')}${
          p.suggested ? ` · ${t('serviceMatrix.routing.suggested')}` : ''
        }`,
      })),
      ...(others.data?.items ?? [])
        .filter((o) => !providers.some((p) => p.id === o.id))
        .map((o) => ({ value: o.id, label: `${o.name} · ${t('serviceMatrix.routing.outside')}` })),
    ],
    isFetching: others.isFetching,
  };
}

interface ProviderSelectProps extends RemoteSelectFieldProps {
  /** The child's place: its county's matrix routes the service. */
  division: string | undefined;
  service: string | undefined;
}

/**
 * Routing reads the matrix: the organisation field of a referral or a planned service lists first
 * the organisations the responsibility matrix gives the service in the child's county (the lead
 * suggested, and filled in while the field is empty), then any other organisation by name, marked
 * as outside the matrix — choosing one is allowed, and said before sending.
 */
export function ProviderSelect({ division, service, value, onChange, ...field }: ProviderSelectProps) {
  const { t } = useTranslation();
  const routing = useMatrixProviders(division, service);
  const providers = routing.data?.providers ?? [];
  const suggested = providers.find((p) => p.suggested);
  // The suggestion fills an empty field once per service; a cleared field stays as the person left it.
  const filledFor = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (!suggested || filledFor.current === service) return;
    filledFor.current = service;
    if (!value) onChange?.(suggested.id);
  }, [suggested, service, value, onChange]);

  const outside =
    value !== undefined && service !== undefined && routing.isSuccess && !providers.some((p) => p.id === value);
  return (
    <>
      <ProvidersOfService.Provider value={providers}>
        <RemoteSearchSelect
          {...field}
          value={value}
          onChange={onChange}
          useResults={useProviderOptions}
          placeholder={t('organisations.selectPlaceholder')}
          emptyText={() => t('organisations.noMatch')}
        />
      </ProvidersOfService.Provider>
      {routing.isSuccess && !suggested && (
        <Alert className="haven-form-alert" type="warning" showIcon message={t('serviceMatrix.routing.noLead')} />
      )}
      {outside && (
        <Alert
          className="haven-form-alert"
          type="warning"
          showIcon
          message={t('serviceMatrix.routing.outsideWarning')}
        />
      )}
    </>
  );
}
