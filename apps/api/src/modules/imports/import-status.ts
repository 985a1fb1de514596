/** Where an import job is: waiting for the queue, being worked off, done (whatever the outcomes). */
export const IMPORT_JOB_STATUSES = ['queued', 'running', 'finished'] as const;
export type ImportJobStatus = (typeof IMPORT_JOB_STATUSES)[number];

/** What became of one file: stored as a new version, already there, or refused with a reason. */
export const IMPORT_ITEM_STATUSES = ['queued', 'imported', 'duplicate', 'failed'] as const;
export type ImportItemStatus = (typeof IMPORT_ITEM_STATUSES)[number];

/**
 * How an item's agency and year were found when the manifest did not give them:
 * agency `name` — the document's agency name equals one visible agency's name exactly;
 * agency `uploader` — the document names no agency and an uploader imports for its own;
 * year `document` — read from the document (`yearSource` says where: title, period, body, fileName).
 */
export const AGENCY_INFERENCES = ['name', 'uploader'] as const;
export type AgencyInference = (typeof AGENCY_INFERENCES)[number];
export const YEAR_SOURCES = ['title', 'period', 'body', 'fileName'] as const;
export type YearSource = (typeof YEAR_SOURCES)[number];

export interface ImportInference {
  agency?: AgencyInference;
  year?: 'document';
  yearSource?: YearSource;
}
