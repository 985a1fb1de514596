import { computed, watch, type ComputedRef, type WritableComputedRef } from 'vue';
import { useRoute, useRouter, type LocationQuery, type LocationQueryRaw } from 'vue-router';
import {
  defaultFilters,
  idParam,
  intParam,
  isCanonical,
  parseFilters,
  serializeFilters,
  type FilterNormalizer,
  type FilterSchema,
  type FilterValues,
} from './params';
import { defaultAnalysisYear, FIRST_REPORT_YEAR, latestReportYear } from './years';

export interface UrlFiltersOptions<S extends FilterSchema> {
  /** Rules between values, e.g. `orderYearRange`. */
  normalize?: FilterNormalizer<S>;
  /** `replace` (default): filter changes do not pile up in the history; `push`: Back undoes them. */
  history?: 'replace' | 'push';
}

export type UrlFilterRefs<S extends FilterSchema> = {
  [K in keyof S]: WritableComputedRef<FilterValues<S>[K]>;
};

export interface UrlFilters<S extends FilterSchema> {
  /** The current values (read-only; change them through the refs, `set` or `reset`). */
  values: ComputedRef<FilterValues<S>>;
  /** One writable ref per filter, for v-model: `filters.refs.year`. */
  refs: UrlFilterRefs<S>;
  /** Changes several filters in one navigation. */
  set(patch: Partial<FilterValues<S>>): Promise<void>;
  /** Back to the defaults (the schema's keys leave the URL). */
  reset(): Promise<void>;
  /** The query that shows the given values, for links to this view with other filters. */
  queryFor(patch: Partial<FilterValues<S>>): LocationQueryRaw;
}

/**
 * Filters that live in the URL query, typed by a schema of parameters, so a view can be shared
 * and reloaded as it was. Invalid values fall back to their defaults and are cleaned out of the
 * address; defaults are not written. Only the schema's keys are touched; other query keys stay.
 *
 * ```ts
 * const filters = useUrlFilters({ scope: scopeParam(), year: reportYearParam(),
 *   metric: enumParam(['requests', 'disclosed'], 'requests') });
 * filters.values.value.year; // number
 * <YearPicker v-model="filters.refs.year.value" />
 * ```
 */
export function useUrlFilters<S extends FilterSchema>(
  schema: S,
  options: UrlFiltersOptions<S> = {},
): UrlFilters<S> {
  const route = useRoute();
  const router = useRouter();
  const ownPath = route.path;
  const { normalize, history = 'replace' } = options;

  // A page kept alive while another one shows keeps its values: the other page's query is not
  // its own (and must not make it ask the API again in the background).
  const values = computed<FilterValues<S>>((previous) =>
    previous && route.path !== ownPath ? previous : parseFilters(schema, route.query, normalize),
  );

  // Two changes in one tick must not lose the first: the second builds on the first's query.
  let pending: LocationQuery | null = null;

  function current(): FilterValues<S> {
    return pending ? parseFilters(schema, pending, normalize) : values.value;
  }

  async function write(next: FilterValues<S>): Promise<void> {
    if (route.path !== ownPath) return;
    const base = pending ?? route.query;
    const normalized = normalize ? normalize(next) : next;
    const query = serializeFilters(schema, normalized, base) as LocationQuery;
    pending = query;
    try {
      await router[history]({ path: ownPath, query, hash: route.hash });
    } finally {
      if (pending === query) pending = null;
    }
  }

  const set = (patch: Partial<FilterValues<S>>) => write({ ...current(), ...patch });
  const reset = () => write(defaultFilters(schema));
  const queryFor = (patch: Partial<FilterValues<S>>) => {
    const next = { ...current(), ...patch };
    return serializeFilters(schema, normalize ? normalize(next) : next, route.query);
  };

  const refs = Object.fromEntries(
    Object.keys(schema).map((key) => [
      key,
      computed({
        get: () => values.value[key as keyof S],
        set: (value) => void set({ [key]: value } as Partial<FilterValues<S>>),
      }),
    ]),
  ) as UrlFilterRefs<S>;

  // Clean the address of invalid values, spelled-out defaults and broken rules (e.g. a link
  // typed by hand), so what the URL says is what the page shows.
  watch(
    () => route.query,
    (query) => {
      if (route.path !== ownPath || pending || isCanonical(schema, query, normalize)) return;
      void router.replace({
        path: ownPath,
        query: serializeFilters(schema, values.value, query),
        hash: route.hash,
      });
    },
    { immediate: true },
  );

  return { values, refs, set, reset, queryFor };
}

/** The usual analytics filters. */

/** An agency subtree to look at; null (default) is everything the user may see. */
export const scopeParam = idParam;

/** A report year, 2008 to this year; by default the last year whose reports are due. */
export function reportYearParam(defaultYear: () => number = defaultAnalysisYear) {
  return intParam(defaultYear, { min: FIRST_REPORT_YEAR, max: latestReportYear });
}

/** `fromYear` and `toYear` for trends; by default the last `span` years with due reports. */
export function yearRangeParams(span = 5) {
  return {
    fromYear: reportYearParam(() => Math.max(FIRST_REPORT_YEAR, defaultAnalysisYear() - span + 1)),
    toYear: reportYearParam(),
  };
}

/** Swaps a range given the wrong way round (`?fromYear=2024&toYear=2020`). */
export function orderYearRange<T extends { fromYear: number; toYear: number }>(values: T): T {
  return values.fromYear <= values.toYear
    ? values
    : { ...values, fromYear: values.toYear, toYear: values.fromYear };
}
