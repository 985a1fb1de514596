import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { ImportFileColumns } from './import-file.columns';

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
export class ImportPreviewFileEntity extends ImportFileColumns {
  @PrimaryColumn({ name: 'preview_id', type: 'uuid' })
  previewId: string;

  @PrimaryColumn({ type: 'integer' })
  position: number;

  /** The path inside the zip. */
  @Column({ type: 'text' })
  path: string;
}
