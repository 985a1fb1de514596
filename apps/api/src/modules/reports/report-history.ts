import type { ReportAction } from './report-status';

/** A reviewer's step that sends the report back to the unit with a comment. */
export type SendBackAction = Extract<ReportAction, 'return' | 'reopen'>;

const SENDS_BACK: ReadonlySet<ReportAction> = new Set<SendBackAction>(['return', 'reopen']);

/**
 * The last return or reopen not yet answered by a submission, oldest events first; null when
 * the report was never sent back or was submitted again since. The unit works on it across
 * every version it makes in between (a correction copies the returned version into a new one),
 * so the comment belongs to the report, not to the version it was written on.
 */
export function pendingSendBack<E extends { action: ReportAction }>(
  events: readonly E[],
): (E & { action: SendBackAction }) | null {
  let pending: (E & { action: SendBackAction }) | null = null;
  for (const event of events) {
    if (SENDS_BACK.has(event.action)) pending = event as E & { action: SendBackAction };
    else if (event.action === 'submit' || event.action === 'accept') pending = null;
  }
  return pending;
}
