import type { ParsedReport } from '@atlas/report-parser';
import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { ImportInference } from '../import-status';

/** A zip read but not yet imported (table and constraints: migration 1764900000000). */
@Entity({ name: 'import_preview' })
export class ImportPreviewEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Only its creator may confirm it. */
  @Column({ name: 'created_by', type: 'uuid' })
  createdBy: string;

  @Column({ name: 'archive_name', type: 'text' })
  archiveName: string;

  @Column({ name: 'has_manifest', type: 'boolean' })
  hasManifest: boolean;

  /** manifest.csv is checked like every file: a changed manifest changes what is imported. */
  @Column({ name: 'manifest_sha256', type: 'text', nullable: true })
  manifestSha256: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;
}

/** One file of a preview: its hash and what it was read as, or why it cannot be imported. */
@Entity({ name: 'import_preview_file' })
export class ImportPreviewFileEntity {
  @PrimaryColumn({ name: 'preview_id', type: 'uuid' })
  previewId: string;

  @PrimaryColumn({ type: 'integer' })
  position: number;

  /** The path inside the zip. */
  @Column({ type: 'text' })
  path: string;

  @Column({ type: 'integer' })
  size: number;

  @Column({ type: 'text' })
  sha256: string;

  @Column({ name: 'manifest_agency_code', type: 'text', nullable: true })
  manifestAgencyCode: string | null;

  @Column({ name: 'manifest_year', type: 'integer', nullable: true })
  manifestYear: number | null;

  @Column({ name: 'agency_id', type: 'uuid', nullable: true })
  agencyId: string | null;

  @Column({ type: 'integer', nullable: true })
  year: number | null;

  @Column({ type: 'jsonb', default: () => "'{}'::jsonb" })
  inferred: ImportInference;

  @Column({ name: 'document_agency_name', type: 'text', nullable: true })
  documentAgencyName: string | null;

  /** The parser's reading of exactly these bytes; loaded only when asked for. */
  @Column({ type: 'jsonb', nullable: true, select: false })
  reading: ParsedReport | null;

  @Column({ name: 'finding_errors', type: 'integer', nullable: true })
  findingErrors: number | null;

  @Column({ name: 'finding_warnings', type: 'integer', nullable: true })
  findingWarnings: number | null;

  @Column({ type: 'text', nullable: true })
  code: string | null;

  @Column({ type: 'text', nullable: true })
  message: string | null;
}
