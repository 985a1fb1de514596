import { Entity, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { UserEntity } from './user.entity';

/** One subtree an oversight user may see: the agency at its root. */
@Entity({ name: 'user_scope' })
export class UserScopeEntity {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @PrimaryColumn({ name: 'agency_id', type: 'uuid' })
  agencyId: string;

  @ManyToOne(() => UserEntity, (user) => user.scopes, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  // Relation<> keeps decorator metadata from naming the class (the two entities import each other).
  user: Relation<UserEntity>;
}
