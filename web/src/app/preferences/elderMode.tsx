import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { readStoredValue, writeStoredValue } from './storage';

const elderModeStorageKey = 'haven.elderMode';

interface ElderModeState {
  elderMode: boolean;
  setElderMode: (enabled: boolean) => void;
}

const ElderModeContext = createContext<ElderModeState | null>(null);

export function ElderModeProvider({ children }: { children: ReactNode }) {
  const [elderMode, setElderModeState] = useState(() => readStoredValue(elderModeStorageKey) === 'on');
  const setElderMode = useCallback((enabled: boolean) => {
    writeStoredValue(elderModeStorageKey, enabled ? 'on' : 'off');
    setElderModeState(enabled);
  }, []);
  const value = useMemo(() => ({ elderMode, setElderMode }), [elderMode, setElderMode]);
  return <ElderModeContext.Provider value={value}>{children}</ElderModeContext.Provider>;
}

export function useElderMode(): ElderModeState {
  const state = useContext(ElderModeContext);
  if (!state) throw new Error('useElderMode must be used inside <ElderModeProvider>');
  return state;
}
