import { SearchOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Cascader, Select, Spin, Typography } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../app/auth/AuthProvider';
import { useAriaRequiredOnInput } from '../../app/forms/FormSelect';
import {
  divisionKeys,
  fetchDivision,
  fetchDivisionChildren,
  searchDivisions,
  type DivisionHit,
  type DivisionNode,
} from './divisionsApi';

interface CascaderOption {
  value: string;
  label: string;
  isLeaf: boolean;
  children?: CascaderOption[];
}

export interface DivisionPickerProps {
  /** The chosen 12-digit code (Form.Item passes it in). */
  value?: string | undefined;
  onChange?: (code: string | undefined) => void;
  /** Where browsing starts; the signed-in person's jurisdiction when left out. */
  rootCode?: string;
  /** Set by Form.Item, so the field's label names the cascader. */
  id?: string;
  'aria-describedby'?: string;
  'aria-invalid'?: boolean;
  'aria-required'?: boolean;
  allowClear?: boolean;
}

const debounceMs = 300;
const forever = { staleTime: Number.POSITIVE_INFINITY, gcTime: 30 * 60_000 };

function toOption(division: DivisionNode): CascaderOption {
  return { value: division.code, label: division.shortName, isLeaf: !division.hasChildren };
}

/**
 * Choosing a division without loading 27,000 villages: a cascader that fetches one level at a time
 * from the person's own jurisdiction, and a search by name, pinyin or code (300 ms after the last
 * key, older answers dropped) that jumps the cascader to the match.
 */
export function DivisionPicker({
  value,
  onChange,
  rootCode,
  id,
  allowClear = true,
  'aria-required': required,
  ...aria
}: DivisionPickerProps) {
  const frame = useAriaRequiredOnInput(required);
  const { t } = useTranslation();
  const me = useMe();
  const root = rootCode ?? me.user.jurisdictionCode;
  const queryClient = useQueryClient();
  const rootDivision = useQuery({
    queryKey: divisionKeys.detail(root),
    queryFn: ({ signal }) => fetchDivision(root, signal),
    ...forever,
  });

  // The loaded tree lives in a ref and is handed to antd as a fresh array after each change.
  const tree = useRef<CascaderOption[]>([]);
  const [options, setOptions] = useState<CascaderOption[]>([]);
  const [path, setPath] = useState<string[]>([]);
  const publish = useCallback(() => setOptions([...tree.current]), []);

  useEffect(() => {
    if (!rootDivision.data) return;
    tree.current = [toOption(rootDivision.data)];
    publish();
  }, [rootDivision.data, publish]);

  /** Loads an option's children once; says whether anything was loaded (else nothing to publish). */
  const loadChildren = useCallback(
    async (option: CascaderOption): Promise<boolean> => {
      if (option.children || option.isLeaf) return false;
      const children = await queryClient.fetchQuery({
        queryKey: divisionKeys.children(option.value),
        queryFn: ({ signal }) => fetchDivisionChildren(option.value, signal),
        ...forever,
      });
      option.children = children.map(toOption);
      if (children.length === 0) option.isLeaf = true;
      return true;
    },
    [queryClient],
  );

  /** Loads every level down to `codes` (a path from the root) so the cascader can show it. */
  const openPath = useCallback(
    async (codes: string[]) => {
      let level = tree.current;
      for (const code of codes.slice(0, -1)) {
        const option = level.find((candidate) => candidate.value === code);
        if (!option) return;
        await loadChildren(option);
        level = option.children ?? [];
      }
      publish();
      setPath(codes);
    },
    [loadChildren, publish],
  );

  // A value set from outside (a saved filter, a reset, a search hit): find its path from the root.
  const shownCode = path.at(-1);
  useEffect(() => {
    if (!value) {
      // Functional and conditional: a fresh [] each time would re-run this effect without end.
      setPath((current) => (current.length === 0 ? current : []));
      return;
    }
    if (shownCode === value || !rootDivision.data) return;
    let cancelled = false;
    void queryClient
      .fetchQuery({
        queryKey: divisionKeys.detail(value),
        queryFn: ({ signal }) => fetchDivision(value, signal),
        ...forever,
      })
      .then((division) => {
        const codes = division.path.map((step) => step.code);
        const start = codes.indexOf(root);
        if (!cancelled && start >= 0) void openPath(codes.slice(start));
      })
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [value, shownCode, root, rootDivision.data, queryClient, openPath]);

  // Server search: debounced, and only the answer to the latest text is shown.
  const [searchText, setSearchText] = useState('');
  const [hits, setHits] = useState<DivisionHit[]>([]);
  const [searching, setSearching] = useState(false);
  const latest = useRef(0);
  useEffect(() => {
    const text = searchText.trim();
    const ticket = ++latest.current;
    if (text === '') {
      setHits([]);
      setSearching(false);
      return;
    }
    setSearching(true);
    const controller = new AbortController();
    const timer = setTimeout(() => {
      searchDivisions(text, root, controller.signal).then(
        (found) => {
          if (ticket !== latest.current) return;
          setHits(found);
          setSearching(false);
        },
        () => {
          if (ticket !== latest.current) return;
          setHits([]);
          setSearching(false);
        },
      );
    }, debounceMs);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [searchText, root]);

  const chooseHit = (code: string) => {
    const hit = hits.find((candidate) => candidate.code === code);
    if (!hit) return;
    const codes = hit.path.map((step) => step.code);
    const start = codes.indexOf(root);
    if (start >= 0) void openPath(codes.slice(start));
    setSearchText('');
    setHits([]);
    onChange?.(hit.code);
  };

  return (
    <div className="haven-division-picker" ref={frame}>
      <Cascader<CascaderOption>
        id={id}
        {...aria}
        className="haven-division-cascader"
        options={options}
        value={path}
        changeOnSelect
        allowClear={allowClear}
        loading={rootDivision.isPending}
        placeholder={t('divisions.browsePlaceholder')}
        loadData={(selected) => {
          const target = selected.at(-1);
          // Publishing a fresh tree when nothing was loaded would make the cascader ask again, without
          // end, for an option already known to have no children (a village chosen as the value).
          if (target)
            void loadChildren(target).then((loaded) => {
              if (loaded) publish();
            });
        }}
        onChange={(codes) => {
          const next = (codes ?? []).map(String);
          setPath(next);
          onChange?.(next.at(-1));
        }}
        notFoundContent={t('divisions.none')}
      />
      <Select<string>
        className="haven-division-search"
        showSearch
        value={null}
        searchValue={searchText}
        onSearch={setSearchText}
        onSelect={chooseHit}
        filterOption={false}
        suffixIcon={<SearchOutlined aria-hidden />}
        placeholder={t('divisions.searchPlaceholder')}
        aria-label={t('divisions.searchLabel')}
        notFoundContent={
          searching ? <Spin size="small" /> : searchText.trim() ? t('divisions.noMatch') : t('divisions.typeToSearch')
        }
        options={hits.map((hit) => ({
          value: hit.code,
          label: (
            <span className="haven-division-hit">
              <span>{hit.shortName}</span>
              <Typography.Text type="secondary" className="haven-division-hit-path">
                {hit.pathText}
              </Typography.Text>
            </span>
          ),
        }))}
      />
    </div>
  );
}

// Its own module (no Select or Cascader): lists and my work show names without the picker.
export { DivisionName } from './DivisionName';
