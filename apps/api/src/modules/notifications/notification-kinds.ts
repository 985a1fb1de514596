import type { NotificationKind } from '@atlas/api-contract';

/** What a notice is about: the contract's kinds; a new kind is added there (the table stores the text). */
export { NOTIFICATION_KINDS, type NotificationKind } from '@atlas/api-contract';

/** The reviewer's steps on a report that its agency's uploaders hear about. */
export type ReportReviewStep = 'accept' | 'return' | 'reopen';

export const KIND_OF_REVIEW_STEP: Record<ReportReviewStep, NotificationKind> = {
  accept: 'report.accepted',
  return: 'report.returned',
  reopen: 'report.reopened',
};

/**
 * The notice as the uploader reads it. Stored as written, so it says what the reviewer said
 * then, even if a later step changes the report.
 */
export function reviewMessage(
  step: ReportReviewStep,
  year: number,
  reviewerName: string,
  comment: string | null,
): string {
  const report = `本单位 ${year} 年度报告`;
  switch (step) {
    case 'accept':
      return `${reviewerName} 已接收${report}`;
    case 'return':
      return `${reviewerName} 退回了${report}，意见：${comment ?? '（未填写）'}`;
    case 'reopen':
      return `${reviewerName} 重新打开了${report}，需要更正，原因：${comment ?? '（未填写）'}`;
  }
}
