import type { RuleDto } from '@atlas/api-contract';
import { http } from './request';

export type { RuleDto } from '@atlas/api-contract';

/** GET /api/rules: every check rule, what it reads and where it comes from. */
export function getRules(signal?: AbortSignal): Promise<RuleDto[]> {
  return http.get<RuleDto[]>('/rules', { signal });
}
