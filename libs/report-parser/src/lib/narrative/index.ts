export { extractMetadata, findStatedPeriod, type ReportMetadata, type YearSource } from './metadata';
export {
  findPartHeadings,
  partOrder,
  splitParts,
  PART_KEYS,
  type HeadingStyle,
  type PartHeading,
  type PartKey,
  type ReportParts,
} from './parts';
export {
  extractNarrativeMetrics,
  findApplicationsReceived,
  findCompletionRate,
  findInspectionPassRates,
  findProcessingFeeYuan,
} from './metrics';
export { findCaseCounts, type CaseCounts } from './case-counts';
export { findPublishedItems } from './published-items';
export { extractNarrative } from './narrative';
export { compactText } from './normalize';
