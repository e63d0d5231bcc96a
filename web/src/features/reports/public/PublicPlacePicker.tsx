import { publicDivisionListSchema } from '@contract/reports/views.js';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { queryString, requestParsed } from '../../../app/api/client';
import type { ControlProps } from './NativeFields';

interface Place {
  code: string;
  label: string;
}

async function searchPlaces(q: string, signal: AbortSignal): Promise<Place[]> {
  const found = await requestParsed(publicDivisionListSchema, `/api/public/divisions${queryString({ q })}`, { signal });
  return found.items.map((place) => ({ code: place.code, label: place.path || place.name }));
}

/**
 * A town or village by name, for people without an account (the signed-in picker browses a
 * jurisdiction): a native combobox (ARIA 1.2 pattern: the text box keeps focus, the arrow keys move
 * through the list, Enter chooses, Escape closes). Searched on the server 300 ms after typing stops;
 * typing again after choosing clears the choice, so what is sent is always what is shown.
 */
export function PublicPlacePicker({
  value,
  onChange,
  ...control
}: ControlProps & { value: string | undefined; onChange: (code: string | undefined) => void }) {
  const { t } = useTranslation();
  const listId = useId();
  const [text, setText] = useState('');
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  useEffect(() => {
    const timer = setTimeout(() => setQuery(text.trim()), 300);
    return () => clearTimeout(timer);
  }, [text]);
  const places = useQuery({
    queryKey: ['public-places', query],
    queryFn: ({ signal }) => searchPlaces(query, signal),
    enabled: query.length > 0,
    retry: false,
  });
  const options = query === text.trim() ? (places.data ?? []) : [];
  const choose = (place: Place) => {
    onChange(place.code);
    setText(place.label);
    setQuery(place.label);
    setOpen(false);
    setActive(-1);
  };
  const status = places.isFetching || query !== text.trim() ? t('reports.public.placeSearching') : undefined;
  const empty = query ? t('reports.public.placeNoMatch') : t('reports.public.placeTypeToSearch');
  const expanded = open && text.trim().length > 0 && value === undefined;
  const optionId = (index: number) => `${listId}-${index}`;
  return (
    <div className="haven-combobox">
      <input
        {...control}
        className="haven-input"
        type="text"
        role="combobox"
        autoComplete="off"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={expanded && active >= 0 ? optionId(active) : undefined}
        placeholder={t('reports.public.placePlaceholder')}
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          setOpen(true);
          setActive(-1);
          if (value !== undefined) onChange(undefined);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
            event.preventDefault();
            setOpen(true);
            if (options.length === 0) return;
            const step = event.key === 'ArrowDown' ? 1 : -1;
            setActive((current) => (current + step + options.length) % options.length);
          } else if (event.key === 'Enter' && expanded) {
            // Enter chooses the highlighted place; it must not send the form meanwhile.
            event.preventDefault();
            const place = options[Math.max(active, 0)];
            if (place) choose(place);
          } else if (event.key === 'Escape') {
            setOpen(false);
          }
        }}
      />
      <div
        id={listId}
        role="listbox"
        className="haven-combobox-list"
        hidden={!expanded || options.length === 0}
        aria-label={t('reports.public.place')}
      >
        {options.map((place, index) => (
          <div
            key={place.code}
            id={optionId(index)}
            role="option"
            // Focus stays in the text box (aria-activedescendant); an option is never tabbed to.
            tabIndex={-1}
            aria-selected={index === active}
            className={index === active ? 'haven-combobox-option haven-combobox-active' : 'haven-combobox-option'}
            // Chosen on mouse down, before the text box loses focus and closes the list.
            onMouseDown={(event) => {
              event.preventDefault();
              choose(place);
            }}
          >
            {place.label}
          </div>
        ))}
      </div>
      <div className="haven-combobox-empty" aria-live="polite" hidden={!expanded || options.length > 0}>
        {expanded && options.length === 0 ? (status ?? empty) : ''}
      </div>
    </div>
  );
}
