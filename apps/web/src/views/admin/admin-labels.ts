import type { AgencyDto } from '../../api/agencies';
import { ApiError } from '../../api/request';

type Translate = (key: string, values?: Record<string, unknown>) => string;

/** 存续年度 as one short text: `2008–2020 年`, `2015 年起`, `至 2020 年`, or empty. */
export function activeYearsLabel(
  agency: Pick<AgencyDto, 'activeFromYear' | 'activeToYear'>,
  t: Translate,
): string {
  const { activeFromYear: from, activeToYear: to } = agency;
  if (from !== null && to !== null) return t('admin.agencies.yearsRange', { from, to });
  if (from !== null) return t('admin.agencies.yearsOpen', { from });
  if (to !== null) return t('admin.agencies.yearsUntil', { to });
  return '';
}

/** The reason to show for a failed call: the API's Chinese message, or the error's own text. */
export function reasonOf(error: unknown): string {
  if (error instanceof ApiError || error instanceof Error) return error.message;
  return String(error);
}
