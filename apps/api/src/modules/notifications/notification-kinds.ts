/** What a notice is about; later kinds are added here (the table stores the text). */
export const NOTIFICATION_KINDS = [
  'report.returned',
  'report.reopened',
  'report.accepted',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

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
