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
}

export interface SetDeadlineInput {
  year: number;
  /** Omitted or null: the year default. */
  agencyId?: string | null;
  dueDate: string;
}

export function listDeadlines(year: number): Promise<DeadlineList> {
  return http.get<DeadlineList>('/deadlines', { query: { year } });
}

/** Creates or replaces; silent, the form shows the reason (e.g. a date inside the year). */
export function setDeadline(input: SetDeadlineInput): Promise<DeadlineDto> {
  return http.put<DeadlineDto>('/deadlines', input, { silent: true });
}
