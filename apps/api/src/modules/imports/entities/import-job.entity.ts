import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ImportJobStatus } from '../import-status';

/** One bulk import of a zip of reports (table and constraints: migration 1764300300000). */
@Entity({ name: 'import_job' })
export class ImportJobEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Every file is uploaded as this user, however long after the request the queue gets to it. */
  @Column({ name: 'created_by', type: 'uuid' })
  createdBy: string;

  /** The creator's address at the time, for the audit entries of the uploads. */
  @Column({ name: 'created_from', type: 'text', nullable: true })
  createdFrom: string | null;

  @Column({ type: 'text', default: 'queued' })
  status: ImportJobStatus;

  @Column({ name: 'archive_name', type: 'text' })
  archiveName: string;

  @Column({ name: 'archive_size', type: 'integer' })
  archiveSize: number;

  @Column({ name: 'archive_sha256', type: 'text' })
  archiveSha256: string;

  @Column({ name: 'has_manifest', type: 'boolean' })
  hasManifest: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;
}
