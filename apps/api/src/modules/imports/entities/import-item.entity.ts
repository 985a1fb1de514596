import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ImportItemStatus } from '../import-status';
import { ImportFileColumns } from './import-file.columns';

/** One file of an import's zip and what became of it (its reading and bytes go once it is stored). */
@Entity({ name: 'import_item' })
export class ImportItemEntity extends ImportFileColumns {
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

  /** Kept until the file is processed; loaded only when asked for. */
  @Column({ type: 'bytea', nullable: true, select: false })
  content: Buffer | null;

  @Column({ type: 'text', default: 'queued' })
  status: ImportItemStatus;

  @Column({ name: 'report_id', type: 'uuid', nullable: true })
  reportId: string | null;

  @Column({ type: 'integer', nullable: true })
  version: number | null;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;
}
