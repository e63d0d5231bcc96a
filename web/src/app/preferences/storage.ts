// localStorage throws in some private-browsing modes and when full; a preference that cannot be
// saved must never break the page.
export function readStoredValue(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

export function writeStoredValue(key: string, value: string): void {
  try {
    window.localStorage.setItem(key, value);
  } catch {
    // Not saved: the choice still applies until the page is closed.
  }
}
