import type { LocationQuery, LocationQueryRaw } from 'vue-router';
import { REPORT_STATUSES, type ReportListQuery, type ReportStatus } from '../../api/reports';

/** The list's filters and page live in the URL, so a filtered list can be shared and reloaded. */

export const DEFAULT_PAGE_SIZE = 20;
export const PAGE_SIZES = [10, 20, 50, 100] as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function single(value: LocationQuery[string]): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' && first !== '' ? first : undefined;
}

function positiveInt(value: string | undefined): number | undefined {
  if (value === undefined || !/^\d+$/.test(value)) return undefined;
  const number = Number(value);
  return number >= 1 ? number : undefined;
}

/** Reads the filters from the query; anything malformed is left out rather than sent. */
export function readListQuery(
  query: LocationQuery,
): Required<Pick<ReportListQuery, 'page' | 'pageSize'>> & ReportListQuery {
  const agencyId = single(query.agencyId);
  const year = positiveInt(single(query.year));
  const status = single(query.status);
  const pageSize = positiveInt(single(query.pageSize));
  return {
    ...(agencyId && UUID.test(agencyId) ? { agencyId } : {}),
    ...(year && year >= 1990 && year <= 2100 ? { year } : {}),
    ...(status && REPORT_STATUSES.includes(status as ReportStatus)
      ? { status: status as ReportStatus }
      : {}),
    page: positiveInt(single(query.page)) ?? 1,
    pageSize:
      pageSize && (PAGE_SIZES as readonly number[]).includes(pageSize)
        ? pageSize
        : DEFAULT_PAGE_SIZE,
  };
}

/** The query for filters; defaults (page 1, 20 a page) are left out to keep URLs short. */
export function toListQuery(filters: ReportListQuery): LocationQueryRaw {
  return {
    ...(filters.agencyId ? { agencyId: filters.agencyId } : {}),
    ...(filters.year ? { year: String(filters.year) } : {}),
    ...(filters.status ? { status: filters.status } : {}),
    ...(filters.page && filters.page > 1 ? { page: String(filters.page) } : {}),
    ...(filters.pageSize && filters.pageSize !== DEFAULT_PAGE_SIZE
      ? { pageSize: String(filters.pageSize) }
      : {}),
  };
}
