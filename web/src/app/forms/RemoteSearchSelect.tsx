import { Spin } from 'antd';
import { useEffect, useState } from 'react';
import { FormSelect } from './FormSelect';

export interface RemoteOption {
  value: string;
  label: string;
}

/** What a form gives a select (antd Form.Item passes value, onChange, id and the aria state). */
export interface RemoteSelectFieldProps {
  value?: string;
  onChange?: (value: string | undefined) => void;
  id?: string;
  'aria-describedby'?: string;
  'aria-invalid'?: boolean;
  'aria-required'?: boolean;
}

interface RemoteSearchSelectProps extends RemoteSelectFieldProps {
  /**
   * A hook answering the typed text ('' before anything is typed). Each text must be its own
   * query, so an older, slower answer never replaces a newer one.
   */
  useResults: (query: string) => { options: RemoteOption[]; isFetching: boolean };
  placeholder: string;
  /** Shown when there is nothing to list: `query` is '' before anything is typed. */
  emptyText: (query: string) => string;
}

/** A select searched on the server 300 ms after typing stops; the chosen entry keeps its label when later searches no longer list it. */
export function RemoteSearchSelect({
  value,
  onChange,
  id,
  useResults,
  placeholder,
  emptyText,
  ...aria
}: RemoteSearchSelectProps) {
  const [text, setText] = useState('');
  const [query, setQuery] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setQuery(text.trim()), 300);
    return () => clearTimeout(timer);
  }, [text]);
  const results = useResults(query);
  const [chosen, setChosen] = useState<RemoteOption | null>(null);
  const options = [...results.options];
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
      placeholder={placeholder}
      notFoundContent={results.isFetching ? <Spin size="small" /> : emptyText(query)}
      options={options}
    />
  );
}
