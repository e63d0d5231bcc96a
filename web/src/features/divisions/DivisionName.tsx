import { useQuery } from '@tanstack/react-query';
import { divisionKeys, fetchDivision } from './divisionsApi';

const forever = { staleTime: Number.POSITIVE_INFINITY, gcTime: 30 * 60_000 };

/** A division's short name with its code beside it (the code alone until the name arrives). */
export function DivisionName({ code }: { code: string }) {
  const division = useQuery({
    queryKey: divisionKeys.detail(code),
    queryFn: ({ signal }) => fetchDivision(code, signal),
    ...forever,
    retry: false,
  });
  return (
    <span className="haven-division-name">
      {division.data && <span>{division.data.shortName}</span>}
      <span className="haven-secondary haven-code">{code}</span>
    </span>
  );
}
