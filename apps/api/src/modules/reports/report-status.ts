import type { ReportAction, ReportStatus } from '@atlas/api-contract';

/*
 * Where a report is in its workflow: draft → submitted → accepted (locked) or returned; an
 * accepted report can be reopened by a reviewer, which returns it. The statuses and the steps of
 * the history (report_event.action) are the API contract's.
 */
export {
  REPORT_ACTIONS,
  REPORT_STATUSES,
  type ReportAction,
  type ReportStatus,
} from '@atlas/api-contract';

export const REPORT_STATUS_LABELS: Record<ReportStatus, string> = {
  draft: '草稿',
  submitted: '已报送',
  accepted: '已接收',
  returned: '已退回',
};

export const REPORT_ACTION_LABELS: Record<ReportAction, string> = {
  upload: '上传',
  correct: '更正',
  submit: '报送',
  accept: '接收',
  return: '退回',
  reopen: '重新打开',
};

/** The status a version has after a step concerned it. */
export const STATUS_AFTER: Record<ReportAction, ReportStatus> = {
  upload: 'draft',
  correct: 'draft',
  submit: 'submitted',
  accept: 'accepted',
  return: 'returned',
  reopen: 'returned',
};

/** Workflow steps and the one status each may start from. */
export const TRANSITIONS = {
  submit: { from: 'draft', to: 'submitted' },
  accept: { from: 'submitted', to: 'accepted' },
  return: { from: 'submitted', to: 'returned' },
  /*
   * Reopening lands on `returned`, not `draft`: a correction of a returned report copies the
   * accepted version into a new draft, so the numbers once accepted stay as they were (a draft
   * is corrected in place); the clerk corrects or re-uploads exactly as after a return, and the
   * reviewer's reason is shown the same way.
   */
  reopen: { from: 'accepted', to: 'returned' },
} as const satisfies Record<string, { from: ReportStatus; to: ReportStatus }>;

export type WorkflowStep = keyof typeof TRANSITIONS;
