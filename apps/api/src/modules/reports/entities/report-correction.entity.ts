import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { numericTransformer } from './numeric.transformer';

/** One cell changed by hand: who, when, from what to what, and why. */
@Entity({ name: 'report_correction' })
export class ReportCorrectionEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Column({ name: 'version_id', type: 'uuid' })
  versionId: string;

  @Column({ type: 'text' })
  address: string;

  @Column({ name: 'old_value', type: 'numeric', transformer: numericTransformer })
  oldValue: number;

  @Column({ name: 'new_value', type: 'numeric', transformer: numericTransformer })
  newValue: number;

  @Column({ type: 'text' })
  reason: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
