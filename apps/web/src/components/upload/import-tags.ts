import type { ImportJobStatus } from '../../api/imports';

/** The colour of a job's status tag, wherever a job is shown. */
export const JOB_TAGS: Record<ImportJobStatus, 'info' | 'primary' | 'success'> = {
  queued: 'info',
  running: 'primary',
  finished: 'success',
};
