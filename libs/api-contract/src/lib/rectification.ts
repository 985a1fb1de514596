/* /api/explanations and /api/rectifications: explained findings (说明) and rectification notices (整改通知). */

import type { RuleSeverity as Severity } from './rules';

/**
 * A finding's identity across versions of one report: its rule and the cells it names
 * (`T3.ROWSUM@applications.newReceived.naturalPerson+…`, cells sorted). An explanation and a
 * notice's item follow the finding while this stays the same, whatever its numbers say.
 */
export type FindingKey = string;

export const EXPLANATION_STATUSES = ['pending', 'accepted', 'rejected'] as const;
/** 待审核 / 已说明 (accepted) / 未采纳. */
export type ExplanationStatus = (typeof EXPLANATION_STATUSES)[number];

export interface Explanation {
  id: string;
  reportId: string;
  agencyId: string;
  year: number;
  findingKey: FindingKey;
  rule: string;
  /** The finding's message when the explanation was last written. */
  findingMessage: string;
  text: string;
  status: ExplanationStatus;
  writtenByName: string;
  writtenAt: string;
  decidedByName: string | null;
  decidedAt: string | null;
  /** The reviewer's reason (required to reject, optional to accept). */
  decisionReason: string | null;
}

/** One finding of the report's current version, with its key and its explanation if any. */
export interface ExplainedFinding {
  key: FindingKey;
  rule: string;
  severity: Severity;
  cells: string[];
  message: string;
  /** Warnings only may be explained. */
  explainable: boolean;
  explanation: Explanation | null;
}

export interface ReportExplanations {
  reportId: string;
  /** The current version's findings. */
  findings: ExplainedFinding[];
  /** Explanations of findings the current version no longer has (kept, shown as history). */
  former: Explanation[];
}

export interface ExplanationsQuery {
  reportId: string;
}

export interface WriteExplanationRequest {
  reportId: string;
  findingKey: FindingKey;
  /** 说明, e.g. 统计口径调整：… (2–2000 characters). */
  text: string;
}

export interface DecideExplanationRequest {
  accept: boolean;
  /** Required when rejecting. */
  reason?: string;
}

export interface ExplanationSummaryQuery {
  scope?: string;
  year?: number;
}

/** Warnings explained, per rule, in the caller's scope: counted apart in the quality figures. */
export interface ExplanationSummaryRow {
  rule: string;
  pending: number;
  accepted: number;
  rejected: number;
}

export interface ExplanationSummary {
  year: number | null;
  rows: ExplanationSummaryRow[];
  pending: number;
  accepted: number;
  rejected: number;
}

export const RECTIFICATION_STATUSES = ['open', 'overdue', 'closed'] as const;
/** 整改中 / 已逾期 / 已办结. Overdue: still open after its due date. */
export type RectificationStatus = (typeof RECTIFICATION_STATUSES)[number];

export const RECTIFICATION_ITEM_STATUSES = ['open', 'fixed', 'explained'] as const;
/** 待整改 / 已改正 (the finding is gone from the counted version) / 已说明 (explanation accepted). */
export type RectificationItemStatus = (typeof RECTIFICATION_ITEM_STATUSES)[number];

export interface RectificationItem {
  id: string;
  reportId: string;
  findingKey: FindingKey;
  rule: string;
  severity: Severity;
  /** The finding as it was when the notice was sent. */
  message: string;
  status: RectificationItemStatus;
  resolvedAt: string | null;
}

export interface RectificationNotice {
  id: string;
  agencyId: string;
  agencyName: string | null;
  /** Names from the root down to the agency's parent. */
  regionNames: string[];
  year: number;
  requirement: string | null;
  /** YYYY-MM-DD. */
  dueDate: string;
  status: RectificationStatus;
  sentByName: string;
  sentAt: string;
  closedAt: string | null;
  itemCount: number;
  openItemCount: number;
  items: RectificationItem[];
}

export interface SelectedFinding {
  reportId: string;
  findingKey: FindingKey;
}

export interface SendRectificationRequest {
  /** One notice per agency and year is sent for the reports the findings belong to. */
  findings: SelectedFinding[];
  /** YYYY-MM-DD, not before today. */
  dueDate: string;
  /** 整改要求 (optional). */
  requirement?: string;
}

export interface RectificationListQuery {
  /** A region (agency) in the caller's scope; its whole subtree. */
  scope?: string;
  year?: number;
  status?: RectificationStatus;
}

export interface RectificationExportQuery extends RectificationListQuery {
  format: 'xlsx';
}
