/*
 * Where an import job is, what became of each file, and how an item's agency and year were found
 * when the manifest did not give them: the API contract's (libs/api-contract imports.ts).
 */
export {
  AGENCY_INFERENCES,
  IMPORT_ITEM_STATUSES,
  IMPORT_JOB_STATUSES,
  PREVIEW_FILE_STATUSES,
  YEAR_SOURCES,
  type AgencyInference,
  type ImportInference,
  type ImportItemStatus,
  type ImportJobStatus,
  type YearSource,
} from '@atlas/api-contract';
