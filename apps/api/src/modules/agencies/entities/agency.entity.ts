import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { AgencyKind, AgencyLevel } from '../agency-taxonomy';
import type { StoredAgency } from '../agency-tree';

/** A reporting unit in the agency tree (table and constraints: migration 1764300000000). */
@Entity({ name: 'agency' })
export class AgencyEntity implements StoredAgency {
  /** Assigned by the service, not the database: the path must end with it before the insert. */
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'text' })
  code: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  level: AgencyLevel;

  @Column({ type: 'text' })
  kind: AgencyKind;

  @Column({ name: 'parent_id', type: 'uuid', nullable: true })
  parentId: string | null;

  @Column({ type: 'text' })
  path: string;

  @Column({ type: 'integer' })
  depth: number;

  @Column({ name: 'active_from_year', type: 'integer', nullable: true })
  activeFromYear: number | null;

  @Column({ name: 'active_to_year', type: 'integer', nullable: true })
  activeToYear: number | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
