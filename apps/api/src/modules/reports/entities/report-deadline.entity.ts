import { Column, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** When reports on a year are due: for everyone (no agency) or for an agency's subtree. */
@Entity({ name: 'report_deadline' })
export class ReportDeadlineEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'integer' })
  year: number;

  @Column({ name: 'agency_id', type: 'uuid', nullable: true })
  agencyId: string | null;

  /** YYYY-MM-DD (TypeORM keeps a `date` column as text). */
  @Column({ name: 'due_date', type: 'date' })
  dueDate: string;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
