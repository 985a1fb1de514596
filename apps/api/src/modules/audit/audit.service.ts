import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import type { AuditEntryDto, AuditPageDto } from './dto/audit-entry.dto';
import { AuditLogEntity } from './entities/audit-log.entity';

/**
 * Who acted, as the log keeps it (actor_id, actor_name): plain data, so audit needs no other
 * module's types — the signed-in caller (AuthUser) fits as it is.
 */
export interface AuditActor {
  readonly id: string;
  readonly username: string;
}

/** Who did what to which thing, from where. Actions are dotted verbs: `auth.login`, `agency.create`. */
export interface AuditEvent {
  actor: AuditActor | null;
  address?: string | null;
  action: string;
  targetType?: string;
  targetId?: string;
  details?: Record<string, unknown>;
}

/** Who acts and from where; SYSTEM for start-up work such as seeding the demo. */
export type Actor = Pick<AuditEvent, 'actor' | 'address'>;
export const SYSTEM: Actor = { actor: null, address: null };

@Injectable()
export class AuditService {
  constructor(@InjectRepository(AuditLogEntity) private readonly log: Repository<AuditLogEntity>) {}

  /** Records an event; pass the transaction's manager so the entry commits with the change. */
  async record(event: AuditEvent, manager?: EntityManager): Promise<void> {
    const repository = manager ? manager.getRepository(AuditLogEntity) : this.log;
    await repository.save(
      repository.create({
        actorId: event.actor?.id ?? null,
        actorName: event.actor?.username ?? null,
        address: event.address ?? null,
        action: event.action,
        targetType: event.targetType ?? null,
        targetId: event.targetId ?? null,
        details: event.details ?? {},
      }),
    );
  }

  async page(filter: {
    action?: string;
    actorId?: string;
    before?: string;
    limit: number;
  }): Promise<AuditPageDto> {
    const query = this.log
      .createQueryBuilder('entry')
      .orderBy('entry.id', 'DESC')
      .limit(filter.limit + 1);
    if (filter.action) query.andWhere('entry.action LIKE :action', { action: `${filter.action}%` });
    if (filter.actorId) query.andWhere('entry.actor_id = :actorId', { actorId: filter.actorId });
    if (filter.before) query.andWhere('entry.id < :before', { before: filter.before });
    const rows = await query.getMany();
    const items = rows.slice(0, filter.limit).map(toAuditEntryDto);
    return {
      items,
      nextBefore: rows.length > filter.limit ? (items[items.length - 1]?.id ?? null) : null,
    };
  }
}

function toAuditEntryDto(entry: AuditLogEntity): AuditEntryDto {
  return {
    id: String(entry.id),
    at: entry.at.toISOString(),
    actorId: entry.actorId,
    actorName: entry.actorName,
    address: entry.address,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId,
    details: entry.details,
  };
}
