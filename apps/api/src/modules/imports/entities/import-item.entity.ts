import type { ParsedReport } from '@atlas/report-parser';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ImportInference, ImportItemStatus } from '../import-status';

/** One file of an import's zip and what became of it. */
@Entity({ name: 'import_item' })
export class ImportItemEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'job_id', type: 'uuid' })
  jobId: string;

  /** 1, 2, … in the order of the zip. */
  @Column({ type: 'integer' })
  position: number;

  /** The path inside the zip (folders kept: corpora name every file source.txt). */
  @Column({ name: 'file_name', type: 'text' })
  fileName: string;

  @Column({ type: 'integer' })
  size: number;

  @Column({ type: 'text' })
  sha256: string;

  /** Kept until the file is processed; loaded only when asked for. */
  @Column({ type: 'bytea', nullable: true, select: false })
  content: Buffer | null;

  /**
   * What the document was read as (at the preview, or when the worker looked for its agency and
   * year): stored as it is, so no file is parsed twice. Dropped with the bytes once processed.
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

  @Column({ type: 'text', default: 'queued' })
  status: ImportItemStatus;

  @Column({ name: 'report_id', type: 'uuid', nullable: true })
  reportId: string | null;

  @Column({ type: 'integer', nullable: true })
  version: number | null;

  @Column({ name: 'finding_errors', type: 'integer', nullable: true })
  findingErrors: number | null;

  @Column({ name: 'finding_warnings', type: 'integer', nullable: true })
  findingWarnings: number | null;

  @Column({ type: 'text', nullable: true })
  code: string | null;

  @Column({ type: 'text', nullable: true })
  message: string | null;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;
}
