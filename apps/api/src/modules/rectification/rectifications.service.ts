import { Injectable, type OnModuleInit } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { DataSource, type EntityManager } from 'typeorm';
import type {
  RectificationItemStatus,
  RectificationListQuery,
  RectificationNotice,
  RuleSeverity,
  SendRectificationRequest,
} from '@atlas/api-contract';
import type { AuthUser } from '../../common/auth/auth-user';
import { DomainEvents } from '../../common/events/domain-events';
import type { ReportSnapshot } from '../../common/events/report-snapshot';
import { localDate } from '../../common/reporting-calendar';
import { AgenciesService } from '../agencies';
import { type Actor, AuditService } from '../audit';
import { NotificationsService } from '../notifications';
import { ReportQueriesService } from '../reports';
import { agenciesInScope, scopeAndYearConditions } from './agency-scope';
import { findingKey } from './finding-identity';
import {
  noticeResolved,
  noticeStatus,
  recheckedItemStatus,
  type StoredNoticeStatus,
} from './notice-status';
import {
  dueDateInPast,
  findingAlreadyExplained,
  findingAlreadyInNotice,
  findingNotFound,
  findingRepeated,
  rectificationNotFound,
} from './rectification.errors';

interface NoticeRow {
  id: string;
  agency_id: string;
  year: number;
  requirement: string | null;
  due_date: string;
  status: StoredNoticeStatus;
  sent_by_name: string;
  sent_at: Date;
  closed_at: Date | null;
}

interface ItemRow {
  id: string;
  notice_id: string;
  report_id: string;
  finding_key: string;
  rule: string;
  severity: RuleSeverity;
  message: string;
  status: RectificationItemStatus;
  resolved_at: Date | null;
}

/** A finding chosen for a notice, as the report's current version states it. */
interface ChosenFinding {
  readonly reportId: string;
  readonly agencyId: string;
  readonly year: number;
  readonly key: string;
  readonly rule: string;
  readonly severity: RuleSeverity;
  readonly message: string;
}

/** Who sends a notice, for the notice, the audit log and the agency's notification. */
export interface RectificationActor extends Actor {
  readonly user: AuthUser;
  /** For the demo seed, which replays history; requests send now. */
  readonly at?: Date;
}

// due_date as text: a date is a calendar day, never shifted by the server's time zone.
const NOTICE_COLUMNS = `id, agency_id, year, requirement, to_char(due_date, 'YYYY-MM-DD') AS due_date,
  status, sent_by_name, sent_at, closed_at`;
const ITEM_COLUMNS =
  'id, notice_id, report_id, finding_key, rule, severity, message, status, resolved_at';

/**
 * Rectification notices (整改通知): oversight sends an agency the findings of its report to fix
 * by a date; every new counted version of the report (its `report.snapshot`) re-checks the open
 * items, an accepted explanation resolves its items, and a notice closes when nothing is open.
 */
@Injectable()
export class RectificationsService implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly events: DomainEvents,
    private readonly agencies: AgenciesService,
    private readonly reports: ReportQueriesService,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
  ) {}

  onModuleInit(): void {
    this.events.subscribe('report.snapshot', (snapshot, manager) =>
      this.recheck(snapshot, manager),
    );
  }

  // ── sending ────────────────────────────────────────────────────────────────────────────────

  /**
   * One notice per agency and year of the chosen findings, each item the finding as the
   * report's current version states it; the agency's uploaders are told. All or nothing.
   */
  async send(
    actor: RectificationActor,
    input: SendRectificationRequest,
  ): Promise<RectificationNotice[]> {
    const today = localDate(actor.at ?? new Date());
    if (input.dueDate < today) throw dueDateInPast(today);
    const chosen = await this.chosenFindings(actor.user, input);
    const groups = new Map<string, ChosenFinding[]>();
    for (const finding of chosen) {
      const group = `${finding.agencyId}:${finding.year}`;
      groups.set(group, [...(groups.get(group) ?? []), finding]);
    }

    const ids = await this.dataSource.transaction(async (manager) => {
      await this.assertNotYetHandled(manager, chosen);
      const created: string[] = [];
      for (const findings of groups.values()) {
        const { agencyId, year } = findings[0];
        const [notice] = await manager.query<{ id: string }[]>(
          `INSERT INTO rectification_notice
             (agency_id, year, requirement, due_date, sent_by, sent_by_name, sent_at)
           VALUES ($1, $2, $3, $4, $5, $6, coalesce($7::timestamptz, now())) RETURNING id`,
          [
            agencyId,
            year,
            input.requirement || null,
            input.dueDate,
            actor.user.id,
            actor.user.displayName,
            actor.at ?? null,
          ],
        );
        await manager.query(
          `INSERT INTO rectification_item (notice_id, report_id, finding_key, rule, severity, message)
           SELECT $1, * FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[])`,
          [
            notice.id,
            findings.map((finding) => finding.reportId),
            findings.map((finding) => finding.key),
            findings.map((finding) => finding.rule),
            findings.map((finding) => finding.severity),
            findings.map((finding) => finding.message),
          ],
        );
        await this.notifications.notifyAgency(manager, {
          kind: 'rectification.sent',
          reportId: findings[0].reportId,
          agencyId,
          year,
          message: `${actor.user.displayName} 发出整改通知：本单位 ${year} 年度报告有 ${findings.length} 个问题需要整改，请于 ${input.dueDate} 前完成`,
          at: actor.at,
        });
        await this.audit.record(
          {
            actor: actor.actor,
            address: actor.address,
            action: 'rectification.send',
            targetType: 'rectification_notice',
            targetId: notice.id,
            details: {
              agencyId,
              year,
              dueDate: input.dueDate,
              findings: findings.map((finding) => ({
                reportId: finding.reportId,
                findingKey: finding.key,
              })),
            },
          },
          manager,
        );
        created.push(notice.id);
      }
      return created;
    });
    return this.noticesByIds(ids, localDate(new Date()));
  }

  /** The findings as the reports' current versions state them; the caller must see each report. */
  private async chosenFindings(
    user: AuthUser,
    input: SendRectificationRequest,
  ): Promise<ChosenFinding[]> {
    const seen = new Set<string>();
    for (const selected of input.findings) {
      const id = `${selected.reportId} ${selected.findingKey}`;
      if (seen.has(id)) throw findingRepeated(selected.findingKey);
      seen.add(id);
    }
    const chosen: ChosenFinding[] = [];
    for (const reportId of new Set(input.findings.map((selected) => selected.reportId))) {
      // 404 REPORT_NOT_FOUND outside the caller's scope, as every report route answers.
      const report = await this.reports.get(user, reportId);
      const byKey = new Map(report.findings.map((finding) => [findingKey(finding), finding]));
      for (const selected of input.findings.filter((s) => s.reportId === reportId)) {
        const finding = byKey.get(selected.findingKey);
        if (!finding) throw findingNotFound(selected.findingKey);
        chosen.push({
          reportId,
          agencyId: report.agencyId,
          year: report.year,
          key: selected.findingKey,
          rule: finding.rule,
          severity: finding.severity,
          message: finding.message,
        });
      }
    }
    return chosen;
  }

  /** A finding explained and accepted needs no notice; one already in an open notice, no second. */
  private async assertNotYetHandled(
    manager: EntityManager,
    chosen: readonly ChosenFinding[],
  ): Promise<void> {
    const reportIds = chosen.map((finding) => finding.reportId);
    const keys = chosen.map((finding) => finding.key);
    const [explained] = await manager.query<{ finding_key: string }[]>(
      `SELECT e.finding_key FROM finding_explanation e
         JOIN unnest($1::uuid[], $2::text[]) AS c(report_id, finding_key)
           ON e.report_id = c.report_id AND e.finding_key = c.finding_key
        WHERE e.status = 'accepted' LIMIT 1`,
      [reportIds, keys],
    );
    if (explained) throw findingAlreadyExplained(explained.finding_key);
    const [pending] = await manager.query<{ finding_key: string }[]>(
      `SELECT i.finding_key FROM rectification_item i
         JOIN rectification_notice n ON n.id = i.notice_id AND n.status = 'open'
         JOIN unnest($1::uuid[], $2::text[]) AS c(report_id, finding_key)
           ON i.report_id = c.report_id AND i.finding_key = c.finding_key
        WHERE i.status = 'open' LIMIT 1`,
      [reportIds, keys],
    );
    if (pending) throw findingAlreadyInNotice(pending.finding_key);
  }

  // ── re-checking ────────────────────────────────────────────────────────────────────────────

  /**
   * A report changed: its open notices' items are checked against the counted (latest
   * submitted) version — what the office counts, so a fix counts once it is submitted.
   */
  private async recheck(snapshot: ReportSnapshot, manager: EntityManager): Promise<void> {
    if (snapshot.counted === null) return;
    const items = await manager.query<ItemRow[]>(
      `SELECT ${ITEM_COLUMNS.split(', ')
        .map((column) => `i.${column}`)
        .join(', ')}
         FROM rectification_item i
         JOIN rectification_notice n ON n.id = i.notice_id AND n.status = 'open'
        WHERE i.report_id = $1`,
      [snapshot.reportId],
    );
    if (items.length === 0) return;
    const present = new Set(snapshot.counted.findings.map(findingKey));
    const accepted = await this.acceptedKeys(manager, snapshot.reportId);
    for (const item of items) {
      const status = recheckedItemStatus(
        present.has(item.finding_key),
        accepted.has(item.finding_key),
      );
      if (status === item.status) continue;
      await manager.query(
        `UPDATE rectification_item SET status = $2,
                resolved_at = CASE WHEN $2 = 'open' THEN NULL ELSE now() END
          WHERE id = $1`,
        [item.id, status],
      );
    }
    await this.closeResolved(manager, [...new Set(items.map((item) => item.notice_id))], {
      reportId: snapshot.reportId,
      versionId: snapshot.counted.versionId,
    });
  }

  /**
   * An explanation was accepted (in the caller's transaction): the open items of that finding
   * are resolved as explained, and their notices close if nothing else is open.
   */
  async resolveExplained(manager: EntityManager, reportId: string, key: string): Promise<void> {
    // An UPDATE … RETURNING answers [rows, count].
    const [rows] = await manager.query<[{ notice_id: string }[], number]>(
      `UPDATE rectification_item i SET status = 'explained', resolved_at = now()
         FROM rectification_notice n
        WHERE n.id = i.notice_id AND n.status = 'open'
          AND i.report_id = $1 AND i.finding_key = $2 AND i.status = 'open'
      RETURNING i.notice_id`,
      [reportId, key],
    );
    await this.closeResolved(manager, [...new Set(rows.map((row) => row.notice_id))], {
      reportId,
      explained: key,
    });
  }

  private async closeResolved(
    manager: EntityManager,
    noticeIds: readonly string[],
    cause: Record<string, unknown>,
  ): Promise<void> {
    if (noticeIds.length === 0) return;
    const items = await manager.query<ItemRow[]>(
      `SELECT ${ITEM_COLUMNS} FROM rectification_item WHERE notice_id = ANY($1::uuid[])`,
      [noticeIds],
    );
    for (const noticeId of noticeIds) {
      if (!noticeResolved(items.filter((item) => item.notice_id === noticeId))) continue;
      await manager.query(
        `UPDATE rectification_notice SET status = 'closed', closed_at = now() WHERE id = $1`,
        [noticeId],
      );
      await this.audit.record(
        {
          actor: null,
          action: 'rectification.close',
          targetType: 'rectification_notice',
          targetId: noticeId,
          details: cause,
        },
        manager,
      );
    }
  }

  private async acceptedKeys(manager: EntityManager, reportId: string): Promise<Set<string>> {
    const rows = await manager.query<{ finding_key: string }[]>(
      `SELECT finding_key FROM finding_explanation WHERE report_id = $1 AND status = 'accepted'`,
      [reportId],
    );
    return new Set(rows.map((row) => row.finding_key));
  }

  // ── reading ────────────────────────────────────────────────────────────────────────────────

  /** Notices the caller may see, newest first, filtered by region, year and status. */
  async list(user: AuthUser, query: RectificationListQuery): Promise<RectificationNotice[]> {
    const agencyIds = await agenciesInScope(this.agencies, user, query.scope);
    return this.query(agencyIds, query.year, query.status);
  }

  /**
   * Every notice of a region (the agency and its subtree) on a report year, with its status
   * (open, overdue or closed) and items — for documents such as the 通报. The caller has
   * checked that whoever asked may see the region.
   */
  async noticesOfRegion(
    regionId: string,
    year: number,
    status?: RectificationNotice['status'],
  ): Promise<RectificationNotice[]> {
    return this.query(await this.agencies.subtreeIds([regionId]), year, status);
  }

  async get(user: AuthUser, id: string): Promise<RectificationNotice> {
    const [notice] = isUUID(id) ? await this.noticesByIds([id], localDate(new Date())) : [];
    if (!notice) throw rectificationNotFound();
    try {
      await this.agencies.assertVisible(user, notice.agencyId);
    } catch {
      throw rectificationNotFound();
    }
    if (user.role === 'uploader' && user.agencyId !== notice.agencyId)
      throw rectificationNotFound();
    return notice;
  }

  private async query(
    agencyIds: readonly string[] | null,
    year: number | undefined,
    status: RectificationNotice['status'] | undefined,
  ): Promise<RectificationNotice[]> {
    const today = localDate(new Date());
    const { conditions, parameters } = scopeAndYearConditions(agencyIds, year);
    if (status !== undefined) {
      if (status === 'closed') conditions.push(`status = 'closed'`);
      else {
        parameters.push(today);
        conditions.push(
          `status = 'open' AND due_date ${status === 'overdue' ? '<' : '>='} $${parameters.length}::date`,
        );
      }
    }
    const rows = await this.dataSource.query<NoticeRow[]>(
      `SELECT ${NOTICE_COLUMNS} FROM rectification_notice
        ${conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : ''}
        ORDER BY sent_at DESC, id`,
      parameters,
    );
    return this.withItems(rows, today);
  }

  private async noticesByIds(
    ids: readonly string[],
    today: string,
  ): Promise<RectificationNotice[]> {
    const rows = await this.dataSource.query<NoticeRow[]>(
      `SELECT ${NOTICE_COLUMNS} FROM rectification_notice WHERE id = ANY($1::uuid[])
        ORDER BY sent_at DESC, id`,
      [ids],
    );
    return this.withItems(rows, today);
  }

  private async withItems(
    rows: readonly NoticeRow[],
    today: string,
  ): Promise<RectificationNotice[]> {
    if (rows.length === 0) return [];
    const items = await this.dataSource.query<ItemRow[]>(
      `SELECT ${ITEM_COLUMNS} FROM rectification_item WHERE notice_id = ANY($1::uuid[])
        ORDER BY rule, finding_key`,
      [rows.map((row) => row.id)],
    );
    const agencies = await this.agencies.describeMany([...new Set(rows.map((r) => r.agency_id))]);
    return rows.map((row) => {
      const own = items.filter((item) => item.notice_id === row.id);
      const agency = agencies.get(row.agency_id);
      return {
        id: row.id,
        agencyId: row.agency_id,
        agencyName: agency?.name ?? null,
        regionNames: agency ? agency.pathNames.slice(0, -1) : [],
        year: row.year,
        requirement: row.requirement,
        dueDate: row.due_date,
        status: noticeStatus(row.status, row.due_date, today),
        sentByName: row.sent_by_name,
        sentAt: new Date(row.sent_at).toISOString(),
        closedAt: row.closed_at ? new Date(row.closed_at).toISOString() : null,
        itemCount: own.length,
        openItemCount: own.filter((item) => item.status === 'open').length,
        items: own.map((item) => ({
          id: item.id,
          reportId: item.report_id,
          findingKey: item.finding_key,
          rule: item.rule,
          severity: item.severity,
          message: item.message,
          status: item.status,
          resolvedAt: item.resolved_at ? new Date(item.resolved_at).toISOString() : null,
        })),
      };
    });
  }
}
