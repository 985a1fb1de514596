import type { Finding } from '@atlas/report-model';
import type { Provenance } from '@atlas/report-parser';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ReportWarning } from '../report-warnings';

/** One state of a report's numbers: an upload, or a copy made to correct a returned report. */
@Entity({ name: 'report_version' })
export class ReportVersionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'report_id', type: 'uuid' })
  reportId: string;

  /** 1, 2, … within the report. */
  @Column({ type: 'integer' })
  version: number;

  @Column({ name: 'file_id', type: 'uuid', nullable: true })
  fileId: string | null;

  /** The canonical report (atlas.report/v1) as stored; read back through readCanonicalReport. */
  @Column({ type: 'jsonb' })
  canonical: unknown;

  @Column({ type: 'jsonb', default: () => "'[]'::jsonb" })
  findings: Finding[];

  @Column({ type: 'jsonb', default: () => "'[]'::jsonb" })
  warnings: ReportWarning[];

  @Column({ type: 'jsonb', default: () => "'{}'::jsonb" })
  provenance: Provenance;

  /** The source format the parser detected (text, pdf, …). */
  @Column({ type: 'text', nullable: true })
  format: string | null;

  /** The year the uploader said the report is on; the canonical report carries this year. */
  @Column({ name: 'declared_year', type: 'integer' })
  declaredYear: number;

  /** The year read from the document, when one was found. */
  @Column({ name: 'parsed_year', type: 'integer', nullable: true })
  parsedYear: number | null;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true })
  submittedAt: Date | null;

  @Column({ name: 'submitted_by', type: 'uuid', nullable: true })
  submittedBy: string | null;

  @Column({ name: 'on_time', type: 'boolean', nullable: true })
  onTime: boolean | null;

  @Column({ name: 'days_late', type: 'integer', nullable: true })
  daysLate: number | null;

  /** For a version made to correct a returned one: the version it copied. */
  @Column({ name: 'based_on_version', type: 'integer', nullable: true })
  basedOnVersion: number | null;
}
