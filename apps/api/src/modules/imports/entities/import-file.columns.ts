import type { ParsedReport } from '@atlas/report-parser';
import { Column } from 'typeorm';
import type { ImportInference } from '../import-status';

/**
 * What a file of a zip is, where it goes and what it was read as: the same columns in a preview
 * (import_preview_file) and in a job (import_item), so a confirmed preview's file becomes an item
 * as it is.
 */
export abstract class ImportFileColumns {
  @Column({ type: 'integer' })
  size: number;

  @Column({ type: 'text' })
  sha256: string;

  /**
   * The parser's reading of exactly these bytes (at the preview, or when the worker looked for
   * the agency and year): stored as it is, so no file is parsed twice. Loaded only when asked for.
   */
  @Column({ type: 'jsonb', nullable: true, select: false })
  reading: ParsedReport | null;

  @Column({ name: 'manifest_agency_code', type: 'text', nullable: true })
  manifestAgencyCode: string | null;

  @Column({ name: 'manifest_year', type: 'integer', nullable: true })
  manifestYear: number | null;

  /** Resolved from the manifest or the document; null until then, or when it could not be. */
  @Column({ name: 'agency_id', type: 'uuid', nullable: true })
  agencyId: string | null;

  @Column({ type: 'integer', nullable: true })
  year: number | null;

  @Column({ type: 'jsonb', default: () => "'{}'::jsonb" })
  inferred: ImportInference;

  /** The agency name the document gives, when it was read to infer the agency. */
  @Column({ name: 'document_agency_name', type: 'text', nullable: true })
  documentAgencyName: string | null;

  @Column({ name: 'finding_errors', type: 'integer', nullable: true })
  findingErrors: number | null;

  @Column({ name: 'finding_warnings', type: 'integer', nullable: true })
  findingWarnings: number | null;

  /** Why the file is not (or was not) imported. */
  @Column({ type: 'text', nullable: true })
  code: string | null;

  @Column({ type: 'text', nullable: true })
  message: string | null;
}
