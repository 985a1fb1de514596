import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ReportAction } from '../report-status';

/** One cell a correction changed, as the history shows it. */
export interface CellChangeRecord {
  readonly address: string;
  readonly from: number;
  readonly to: number;
}

/** One step of a report's workflow history. */
@Entity({ name: 'report_event' })
export class ReportEventEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Column({ name: 'report_id', type: 'uuid' })
  reportId: string;

  /** The version the step concerned. */
  @Column({ type: 'integer' })
  version: number;

  @Column({ type: 'text' })
  action: ReportAction;

  @Column({ type: 'text', nullable: true })
  comment: string | null;

  /** For a correction: the cells it changed (migration 1764512000000); null for other steps. */
  @Column({ type: 'jsonb', nullable: true })
  changes: CellChangeRecord[] | null;

  @Column({ name: 'actor_id', type: 'uuid' })
  actorId: string;

  /** The actor's display name at the time, so the history reads without another module. */
  @Column({ name: 'actor_name', type: 'text' })
  actorName: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at: Date;
}
