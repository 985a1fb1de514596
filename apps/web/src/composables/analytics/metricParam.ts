import type { FilterParam } from '../filters';

const METRIC_KEY = /^[A-Za-z][A-Za-z0-9]*(\.[A-Za-z][A-Za-z0-9]*)?$/;

/**
 * A metric key in the URL (`?metric=disclosureRate`). Only its shape is checked here; a key
 * the catalogue does not know is refused by the API and shown as the panel's error.
 */
export function metricParam(defaultValue: string): FilterParam<string> {
  return {
    default: defaultValue,
    parse(raw) {
      const text = (typeof raw === 'string' ? raw : raw[0])?.trim();
      return text && METRIC_KEY.test(text) ? text : undefined;
    },
    serialize: (value) => value,
  };
}

/** An optional metric; empty (the default) means none. */
export function optionalMetricParam(): FilterParam<string> {
  return {
    default: '',
    parse(raw) {
      const text = (typeof raw === 'string' ? raw : raw[0])?.trim() ?? '';
      return text === '' || METRIC_KEY.test(text) ? text : undefined;
    },
    serialize: (value) => value || undefined,
  };
}

/** Several metric keys, comma-separated (`?metrics=a,b`), at most `max`, order kept. */
export function metricListParam(defaultValue: readonly string[], max = 8): FilterParam<string[]> {
  return {
    default: () => [...defaultValue],
    parse(raw) {
      const parts = (typeof raw === 'string' ? [raw] : [...raw]).flatMap((text) => text.split(','));
      const keys = [...new Set(parts.map((p) => p.trim()).filter((p) => METRIC_KEY.test(p)))];
      return keys.length > 0 ? keys.slice(0, max) : undefined;
    },
    serialize: (value) => (value.length > 0 ? value.join(',') : undefined),
    equals: (a, b) => a.length === b.length && a.every((item, index) => item === b[index]),
  };
}
