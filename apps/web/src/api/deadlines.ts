import { http } from './request';

/** A deadline set for a year: the year default (`agencyId` null) or an agency subtree's own. */
export interface DeadlineDto {
  id: string;
  year: number;
  agencyId: string | null;
  agencyName: string | null;
  /** YYYY-MM-DD. */
  dueDate: string;
}

export interface DeadlineList {
  year: number;
  /** 条例第四十九条: 31 January of the next year. */
  statutoryDueDate: string;
  /** What applies where no agency has its own. */
  defaultDueDate: string;
  deadlines: DeadlineDto[];
  /** Asked with an agency: the deadline that applies to it (its own, an ancestor's, the year's). */
  effective?: { agencyId: string; dueDate: string };
}

export interface SetDeadlineInput {
  year: number;
  /** Omitted or null: the year default. */
  agencyId?: string | null;
  dueDate: string;
}

export function listDeadlines(year: number, agencyId?: string): Promise<DeadlineList> {
  return http.get<DeadlineList>('/deadlines', { query: { year, ...(agencyId ? { agencyId } : {}) } });
}

/** Removes a year default or an override: its reports fall back to the next rule. */
export function removeDeadline(id: string): Promise<void> {
  return http.delete<void>(`/deadlines/${id}`);
}

/** Creates or replaces; silent, the form shows the reason (e.g. a date inside the year). */
export function setDeadline(input: SetDeadlineInput): Promise<DeadlineDto> {
  return http.put<DeadlineDto>('/deadlines', input, { silent: true });
}
