import type {
  DecideExplanationRequest,
  Explanation,
  ExplanationSummary,
  ExplanationSummaryQuery,
  RectificationListQuery,
  RectificationNotice,
  ReportExplanations,
  SendRectificationRequest,
  WriteExplanationRequest,
} from '@atlas/api-contract';
import { download, http, type DownloadedFile } from './request';

/* Explanations (说明) and rectification notices (整改通知): apps/api rectification.controller.ts. */

export type {
  ExplainedFinding,
  Explanation,
  ExplanationStatus,
  ExplanationSummary,
  RectificationItem,
  RectificationItemStatus,
  RectificationListQuery,
  RectificationNotice,
  RectificationStatus,
  ReportExplanations,
  SelectedFinding,
} from '@atlas/api-contract';

export function getReportExplanations(reportId: string): Promise<ReportExplanations> {
  return http.get<ReportExplanations>('/explanations', { query: { reportId } });
}

export function writeExplanation(body: WriteExplanationRequest): Promise<Explanation> {
  return http.put<Explanation>('/explanations', body);
}

export function decideExplanation(
  id: string,
  body: DecideExplanationRequest,
): Promise<Explanation> {
  return http.post<Explanation>(`/explanations/${encodeURIComponent(id)}/decision`, body);
}

export function getExplanationSummary(
  query: ExplanationSummaryQuery = {},
): Promise<ExplanationSummary> {
  return http.get<ExplanationSummary>('/explanations/summary', { query: { ...query } });
}

export function listRectifications(
  query: RectificationListQuery = {},
): Promise<RectificationNotice[]> {
  return http.get<RectificationNotice[]>('/rectifications', { query: { ...query } });
}

export function getRectification(id: string): Promise<RectificationNotice> {
  return http.get<RectificationNotice>(`/rectifications/${encodeURIComponent(id)}`);
}

export function sendRectification(body: SendRectificationRequest): Promise<RectificationNotice[]> {
  return http.post<RectificationNotice[]>('/rectifications', body);
}

export function exportRectifications(query: RectificationListQuery = {}): Promise<DownloadedFile> {
  return download('/rectifications/export', { query: { ...query, format: 'xlsx' } });
}
