import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { DataSource } from 'typeorm';
import type {
  DecideExplanationRequest,
  Explanation,
  ExplanationStatus,
  ExplanationSummary,
  ReportExplanations,
  WriteExplanationRequest,
} from '@atlas/api-contract';
import type { AuthUser } from '../../common/auth/auth-user';
import { AgenciesService } from '../agencies';
import { type Actor, AuditService } from '../audit';
import { ReportQueriesService } from '../reports';
import { agenciesInScope, scopeAndYearConditions } from './agency-scope';
import { findingKey } from './finding-identity';
import {
  explanationAlreadyAccepted,
  explanationAlreadyDecided,
  explanationNotFound,
  findingNotExplainable,
  findingNotFound,
  rejectionNeedsReason,
} from './rectification.errors';
import { RectificationsService } from './rectifications.service';

interface ExplanationRow {
  id: string;
  report_id: string;
  agency_id: string;
  year: number;
  finding_key: string;
  rule: string;
  finding_message: string;
  text: string;
  status: ExplanationStatus;
  written_by_name: string;
  written_at: Date;
  decided_by_name: string | null;
  decided_at: Date | null;
  decision_reason: string | null;
}

const COLUMNS = `id, report_id, agency_id, year, finding_key, rule, finding_message, text, status,
  written_by_name, written_at, decided_by_name, decided_at, decision_reason`;

/** Who acts, from where, and (for the demo seed's replayed history) when. */
export interface ExplanationActor extends Actor {
  readonly user: AuthUser;
  readonly at?: Date;
}

/**
 * Explanations (说明) of warning-level findings: the agency writes one, oversight in scope
 * accepts it (已说明) or rejects it with a reason. One per report and finding key, so it follows
 * the finding from version to version while the finding stays the same; history is in the audit log.
 */
@Injectable()
export class ExplanationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly agencies: AgenciesService,
    private readonly reports: ReportQueriesService,
    private readonly audit: AuditService,
    private readonly rectifications: RectificationsService,
  ) {}

  /** The report's current findings with their keys and explanations, and the former ones. */
  async ofReport(user: AuthUser, reportId: string): Promise<ReportExplanations> {
    const report = await this.reports.get(user, reportId);
    const rows = await this.dataSource.query<ExplanationRow[]>(
      `SELECT ${COLUMNS} FROM finding_explanation WHERE report_id = $1 ORDER BY written_at`,
      [report.id],
    );
    const byKey = new Map(rows.map((row) => [row.finding_key, toExplanation(row)]));
    const findings = report.findings.map((finding) => {
      const key = findingKey(finding);
      return {
        key,
        rule: finding.rule,
        severity: finding.severity,
        cells: finding.cells,
        message: finding.message,
        explainable: finding.severity === 'warning',
        explanation: byKey.get(key) ?? null,
      };
    });
    const current = new Set(findings.map((finding) => finding.key));
    return {
      reportId: report.id,
      findings,
      former: rows.filter((row) => !current.has(row.finding_key)).map(toExplanation),
    };
  }

  /**
   * The agency's uploader writes (or rewrites, until accepted) the explanation of a warning of
   * its report's current version; it waits for review again.
   */
  async write(actor: ExplanationActor, input: WriteExplanationRequest): Promise<Explanation> {
    // 404 REPORT_NOT_FOUND unless the uploader's own agency's report.
    const report = await this.reports.get(actor.user, input.reportId);
    const finding = report.findings.find((candidate) => findingKey(candidate) === input.findingKey);
    if (!finding) throw findingNotFound(input.findingKey);
    if (finding.severity !== 'warning') throw findingNotExplainable();

    return this.dataSource.transaction(async (manager) => {
      const [existing] = await manager.query<ExplanationRow[]>(
        `SELECT ${COLUMNS} FROM finding_explanation
          WHERE report_id = $1 AND finding_key = $2 FOR UPDATE`,
        [report.id, input.findingKey],
      );
      if (existing?.status === 'accepted') throw explanationAlreadyAccepted();
      const [row] = await manager.query<ExplanationRow[]>(
        `INSERT INTO finding_explanation
           (report_id, agency_id, year, finding_key, rule, finding_message, text,
            written_by, written_by_name, written_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, coalesce($10::timestamptz, now()))
         ON CONFLICT ON CONSTRAINT uq_finding_explanation_finding DO UPDATE SET
           finding_message = EXCLUDED.finding_message, text = EXCLUDED.text, status = 'pending',
           written_by = EXCLUDED.written_by, written_by_name = EXCLUDED.written_by_name,
           written_at = EXCLUDED.written_at, decided_by = NULL, decided_by_name = NULL,
           decided_at = NULL, decision_reason = NULL
         RETURNING ${COLUMNS}`,
        [
          report.id,
          report.agencyId,
          report.year,
          input.findingKey,
          finding.rule,
          finding.message,
          input.text,
          actor.user.id,
          actor.user.displayName,
          actor.at ?? null,
        ],
      );
      await this.audit.record(
        {
          actor: actor.actor,
          address: actor.address,
          action: 'explanation.write',
          targetType: 'finding_explanation',
          targetId: row.id,
          details: {
            reportId: report.id,
            agencyId: report.agencyId,
            year: report.year,
            findingKey: input.findingKey,
            text: input.text,
            previousStatus: existing?.status ?? null,
          },
        },
        manager,
      );
      return toExplanation(row);
    });
  }

  /** Oversight in scope (or an admin) accepts or rejects a pending explanation. */
  async decide(
    actor: ExplanationActor,
    id: string,
    input: DecideExplanationRequest,
  ): Promise<Explanation> {
    const reason = input.reason?.trim() || null;
    if (!input.accept && reason === null) throw rejectionNeedsReason();
    const found = isUUID(id) ? await this.find(id) : null;
    if (!found || !(await this.sees(actor.user, found.agency_id))) throw explanationNotFound();

    return this.dataSource.transaction(async (manager) => {
      const [row] = await manager.query<ExplanationRow[]>(
        `SELECT ${COLUMNS} FROM finding_explanation WHERE id = $1 FOR UPDATE`,
        [id],
      );
      if (!row) throw explanationNotFound();
      if (row.status !== 'pending') throw explanationAlreadyDecided();
      const status: ExplanationStatus = input.accept ? 'accepted' : 'rejected';
      const [decided] = await manager.query<[ExplanationRow[], number]>(
        `UPDATE finding_explanation SET status = $2, decided_by = $3, decided_by_name = $4,
                decided_at = coalesce($5::timestamptz, now()), decision_reason = $6
          WHERE id = $1 RETURNING ${COLUMNS}`,
        [id, status, actor.user.id, actor.user.displayName, actor.at ?? null, reason],
      );
      await this.audit.record(
        {
          actor: actor.actor,
          address: actor.address,
          action: input.accept ? 'explanation.accept' : 'explanation.reject',
          targetType: 'finding_explanation',
          targetId: id,
          details: {
            reportId: row.report_id,
            agencyId: row.agency_id,
            year: row.year,
            findingKey: row.finding_key,
            reason,
          },
        },
        manager,
      );
      if (input.accept)
        await this.rectifications.resolveExplained(manager, row.report_id, row.finding_key);
      return toExplanation(decided[0]);
    });
  }

  /**
   * Explanations per rule and status in the caller's scope (a region, a year): the quality
   * figures count warnings explained and accepted (已说明) apart from the others.
   */
  async summary(user: AuthUser, scope?: string, year?: number): Promise<ExplanationSummary> {
    const agencyIds = await agenciesInScope(this.agencies, user, scope);
    const { conditions, parameters } = scopeAndYearConditions(agencyIds, year);
    const rows = await this.dataSource.query<
      { rule: string; pending: number; accepted: number; rejected: number }[]
    >(
      `SELECT rule,
              count(*) FILTER (WHERE status = 'pending')::int AS pending,
              count(*) FILTER (WHERE status = 'accepted')::int AS accepted,
              count(*) FILTER (WHERE status = 'rejected')::int AS rejected
         FROM finding_explanation
        ${conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : ''}
        GROUP BY rule ORDER BY rule`,
      parameters,
    );
    const total = (field: 'pending' | 'accepted' | 'rejected') =>
      rows.reduce((sum, row) => sum + row[field], 0);
    return {
      year: year ?? null,
      rows,
      pending: total('pending'),
      accepted: total('accepted'),
      rejected: total('rejected'),
    };
  }

  private async find(id: string): Promise<ExplanationRow | null> {
    const [row] = await this.dataSource.query<ExplanationRow[]>(
      `SELECT ${COLUMNS} FROM finding_explanation WHERE id = $1`,
      [id],
    );
    return row ?? null;
  }

  private async sees(user: AuthUser, agencyId: string): Promise<boolean> {
    try {
      await this.agencies.assertVisible(user, agencyId);
      return true;
    } catch {
      return false;
    }
  }
}

function toExplanation(row: ExplanationRow): Explanation {
  return {
    id: row.id,
    reportId: row.report_id,
    agencyId: row.agency_id,
    year: row.year,
    findingKey: row.finding_key,
    rule: row.rule,
    findingMessage: row.finding_message,
    text: row.text,
    status: row.status,
    writtenByName: row.written_by_name,
    writtenAt: new Date(row.written_at).toISOString(),
    decidedByName: row.decided_by_name,
    decidedAt: row.decided_at ? new Date(row.decided_at).toISOString() : null,
    decisionReason: row.decision_reason,
  };
}
