import { http } from './request';

/** One entry of the audit log (GET /api/audit), newest first. */
export interface AuditEntry {
  id: string;
  at: string;
  actorId: string | null;
  actorName: string | null;
  address: string | null;
  /** e.g. auth.login, report.accept, agency.move */
  action: string;
  targetType: string | null;
  targetId: string | null;
  details: Record<string, unknown>;
}

export interface AuditPage {
  items: AuditEntry[];
  /** Pass as `before` for the next (older) page; null at the end. */
  nextBefore: string | null;
}

export interface AuditQuery {
  /** Action prefix: `report.` for every step of the report workflow. */
  action?: string;
  before?: string;
  limit?: number;
}

export function listAudit(query: AuditQuery = {}): Promise<AuditPage> {
  return http.get<AuditPage>('/audit', { query: { ...query } });
}
