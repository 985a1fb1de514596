/**
 * A stable key with its label. `label` is the text printed in the official table
 * (国办公开办函〔2021〕30号 / 〔2019〕60号), as the spec gives it; parsers match against it,
 * messages and UI show it. Every label lives in one of the key lists of this library, once.
 */
export interface KeyLabel<K extends string = string> {
  readonly key: K;
  readonly label: string;
  readonly labelEn: string;
}

/** Looks items up by key; built once from the ordered `as const` lists. */
export function indexByKey<T extends { readonly key: string }>(
  items: readonly T[],
): { readonly [K in T['key']]: Extract<T, { readonly key: K }> } {
  return Object.fromEntries(items.map((item) => [item.key, item])) as {
    readonly [K in T['key']]: Extract<T, { readonly key: K }>;
  };
}

/** Type guard for "is this string one of the keys of that list" (e.g. when reading JSON). */
export function keyGuard<K extends string>(
  items: readonly { readonly key: K }[],
): (value: string) => value is K {
  const keys = new Set<string>(items.map((item) => item.key));
  return (value: string): value is K => keys.has(value);
}
