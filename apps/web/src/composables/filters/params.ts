import type { LocationQuery, LocationQueryRaw, LocationQueryValue } from 'vue-router';

/**
 * Typed filter parameters kept in the URL query. Each parameter parses its query text into a
 * value (or refuses it, and the default applies) and writes a value back as text; a value equal
 * to its default is left out, so a URL says only what differs from the page's defaults.
 */
export interface FilterParam<T> {
  /** undefined: absent or invalid. */
  parse(raw: string | readonly string[]): T | undefined;
  serialize(value: T): string | string[] | undefined;
  /** A function for defaults that depend on the date (the latest year). */
  default: T | (() => T);
  equals?(a: T, b: T): boolean;
}

export type FilterSchema = Record<string, FilterParam<unknown>>;

export type FilterValues<S extends FilterSchema> = {
  [K in keyof S]: S[K] extends FilterParam<infer T> ? T : never;
};

function first(raw: string | readonly string[]): string | undefined {
  return typeof raw === 'string' ? raw : raw[0];
}

export function defaultOf<T>(param: FilterParam<T>): T {
  return typeof param.default === 'function' ? (param.default as () => T)() : param.default;
}

function same<T>(param: FilterParam<T>, a: T, b: T): boolean {
  return param.equals ? param.equals(a, b) : Object.is(a, b);
}

export interface IntParamOptions {
  min?: number;
  max?: number | (() => number);
}

/** An integer in [min, max]; `2023abc`, `20.5` and out-of-range values are refused. */
export function intParam(
  defaultValue: number | (() => number),
  options?: IntParamOptions,
): FilterParam<number>;
export function intParam(defaultValue: null, options?: IntParamOptions): FilterParam<number | null>;
export function intParam(
  defaultValue: number | null | (() => number),
  options: IntParamOptions = {},
): FilterParam<number | null> {
  return {
    default: defaultValue,
    parse(raw) {
      const text = first(raw)?.trim();
      if (!text || !/^-?\d+$/.test(text)) return undefined;
      const value = Number(text);
      const max = typeof options.max === 'function' ? options.max() : options.max;
      if (!Number.isSafeInteger(value)) return undefined;
      if (options.min !== undefined && value < options.min) return undefined;
      if (max !== undefined && value > max) return undefined;
      return value;
    },
    serialize: (value) => (value === null ? undefined : String(value)),
  };
}

/** One of a fixed list of keys (a metric, a grouping). */
export function enumParam<const V extends string>(
  values: readonly V[],
  defaultValue: V | (() => V),
): FilterParam<V> {
  return {
    default: defaultValue,
    parse(raw) {
      const text = first(raw);
      return values.includes(text as V) ? (text as V) : undefined;
    },
    serialize: (value) => value,
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An agency (or other record) id; null, the default, means "no choice" (e.g. everything visible). */
export function idParam(): FilterParam<string | null> {
  return {
    default: null,
    parse(raw) {
      const text = first(raw)?.trim();
      return text && UUID.test(text) ? text.toLowerCase() : undefined;
    },
    serialize: (value) => value ?? undefined,
  };
}

/**
 * Several ids, written comma-separated (`?agencies=a,b`) so URLs stay short; repeated keys are
 * read as well. Invalid ids are dropped; duplicates once; order kept.
 */
export function idListParam(options: { max?: number } = {}): FilterParam<string[]> {
  return {
    default: () => [],
    parse(raw) {
      const parts = (typeof raw === 'string' ? [raw] : [...raw]).flatMap((text) => text.split(','));
      const ids = [
        ...new Set(
          parts.map((part) => part.trim().toLowerCase()).filter((part) => UUID.test(part)),
        ),
      ];
      return options.max !== undefined ? ids.slice(0, options.max) : ids;
    },
    serialize: (value) => (value.length > 0 ? value.join(',') : undefined),
    equals: (a, b) => a.length === b.length && a.every((item, index) => item === b[index]),
  };
}

/** Free text (a search box), trimmed; empty is the default. */
export function textParam(options: { maxLength?: number } = {}): FilterParam<string> {
  const maxLength = options.maxLength ?? 100;
  return {
    default: '',
    parse(raw) {
      const text = first(raw)?.trim() ?? '';
      return text.slice(0, maxLength);
    },
    serialize: (value) => value.trim() || undefined,
  };
}

/** A flag written as `1` when on (`?late=1`); `0`/`false` read as off. */
export function boolParam(defaultValue = false): FilterParam<boolean> {
  return {
    default: defaultValue,
    parse(raw) {
      const text = first(raw);
      if (text === '1' || text === 'true') return true;
      if (text === '0' || text === 'false') return false;
      return undefined;
    },
    serialize: (value) => (value ? '1' : '0'),
  };
}

function queryText(value: LocationQueryValue | LocationQueryValue[] | undefined) {
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) {
    const texts = value.filter((item): item is string => typeof item === 'string');
    return texts.length > 0 ? texts : undefined;
  }
  return value;
}

/** Rules between values (a range's start before its end), applied after parsing and before writing. */
export type FilterNormalizer<S extends FilterSchema> = (values: FilterValues<S>) => FilterValues<S>;

/** Reads the schema's values from a query: absent or invalid values take their defaults. */
export function parseFilters<S extends FilterSchema>(
  schema: S,
  query: LocationQuery,
  normalize?: FilterNormalizer<S>,
): FilterValues<S> {
  const values: Record<string, unknown> = {};
  for (const [key, param] of Object.entries(schema)) {
    const raw = queryText(query[key]);
    const parsed = raw === undefined ? undefined : param.parse(raw);
    values[key] = parsed === undefined ? defaultOf(param) : parsed;
  }
  return normalize ? normalize(values as FilterValues<S>) : (values as FilterValues<S>);
}

/** The values of the schema's defaults. */
export function defaultFilters<S extends FilterSchema>(schema: S): FilterValues<S> {
  return Object.fromEntries(
    Object.entries(schema).map(([key, param]) => [key, defaultOf(param)]),
  ) as FilterValues<S>;
}

/**
 * The query for the given values: other keys of `base` are kept, the schema's keys are written
 * when they differ from their defaults and removed otherwise.
 */
export function serializeFilters<S extends FilterSchema>(
  schema: S,
  values: FilterValues<S>,
  base: LocationQuery = {},
): LocationQueryRaw {
  const query: LocationQueryRaw = { ...base };
  for (const [key, param] of Object.entries(schema)) {
    delete query[key];
    const value = (values as Record<string, unknown>)[key];
    if (same(param, value, defaultOf(param))) continue;
    const text = param.serialize(value);
    if (text !== undefined) query[key] = text;
  }
  return query;
}

/**
 * Whether a query already says exactly what its parsed values would write: no invalid values,
 * no defaults spelled out, no broken rules between values.
 */
export function isCanonical<S extends FilterSchema>(
  schema: S,
  query: LocationQuery,
  normalize?: FilterNormalizer<S>,
): boolean {
  const canonical = serializeFilters(schema, parseFilters(schema, query, normalize), query);
  return Object.keys(schema).every((key) => {
    const written = canonical[key];
    const present = query[key];
    if (written === undefined || written === null) return present === undefined;
    return JSON.stringify(written) === JSON.stringify(present);
  });
}
