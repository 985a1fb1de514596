// Storage can be unavailable (privacy modes, quota); what it would keep then simply does not persist.

/** The signed-in session's bearer token (see the auth store). */
export const TOKEN_STORAGE_KEY = 'atlas:token';

export function readStorage(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

export function writeStorage(key: string, value: string | null): void {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
  } catch {
    /* not persisted, see above */
  }
}
