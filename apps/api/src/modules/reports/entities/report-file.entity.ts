import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** An uploaded original (pasted text is stored as a file too); never changed or dropped. */
@Entity({ name: 'report_file' })
export class ReportFileEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Lower-case hex SHA-256 of `content`. */
  @Column({ type: 'text' })
  sha256: string;

  @Column({ type: 'integer' })
  size: number;

  @Column({ name: 'media_type', type: 'text' })
  mediaType: string;

  @Column({ name: 'file_name', type: 'text' })
  fileName: string;

  /** Loaded only when asked for: lists and checks need the metadata, not megabytes of bytes. */
  @Column({ type: 'bytea', select: false })
  content: Buffer;

  @Column({ name: 'uploaded_by', type: 'uuid' })
  uploadedBy: string;

  @Column({ name: 'uploaded_at', type: 'timestamptz', default: () => 'now()' })
  uploadedAt: Date;
}
