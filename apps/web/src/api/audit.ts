import type { AuditPage, AuditQuery } from '@atlas/api-contract';
import { http } from './request';

export type { AuditEntry, AuditPage, AuditQuery } from '@atlas/api-contract';

/** GET /api/audit, newest first. */
export function listAudit(query: AuditQuery = {}): Promise<AuditPage> {
  return http.get<AuditPage>('/audit', { query: { ...query } });
}
