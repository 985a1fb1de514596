import type {
  DeadlineDto,
  DeadlineList,
  ListDeadlinesQuery,
  SetDeadlineRequest,
} from '@atlas/api-contract';
import { http } from './request';

export type { DeadlineDto, DeadlineList, SetDeadlineRequest } from '@atlas/api-contract';

export function listDeadlines(year: number, agencyId?: string): Promise<DeadlineList> {
  const query: ListDeadlinesQuery = { year, ...(agencyId ? { agencyId } : {}) };
  return http.get<DeadlineList>('/deadlines', { query: { ...query } });
}

/** Removes a year default or an override: its reports fall back to the next rule. */
export function removeDeadline(id: string): Promise<void> {
  return http.delete<void>(`/deadlines/${id}`);
}

/** Creates or replaces; silent, the form shows the reason (e.g. a date inside the year). */
export function setDeadline(input: SetDeadlineRequest): Promise<DeadlineDto> {
  return http.put<DeadlineDto>('/deadlines', input, { silent: true });
}
