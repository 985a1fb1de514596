/* /api/audit: the audit log (admins). */

/** One entry, newest first. */
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
  actorId?: string;
  /** Entries older than this id. */
  before?: string;
  limit?: number;
}
