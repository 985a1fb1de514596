import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, type EntityManager, IsNull, type Repository } from 'typeorm';
import { AgenciesService } from '../agencies';
import { AuditService } from '../audit';
import type { AuthUser } from '../../common/auth/auth-user';
import type { DeadlineDto, DeadlineListDto, SetDeadlineDto } from './dto/deadline.dto';
import { ReportDeadlineEntity } from './entities/report-deadline.entity';
import { effectiveDeadline, type EffectiveDeadline, statutoryDueDate } from './report-deadline';
import { deadlineBeforeYearEnd, deadlineNotFound } from './report.errors';

/** When reports are due: the statutory date, a year default, and overrides per agency subtree. */
@Injectable()
export class DeadlinesService {
  constructor(
    @InjectRepository(ReportDeadlineEntity)
    private readonly deadlines: Repository<ReportDeadlineEntity>,
    private readonly dataSource: DataSource,
    private readonly agencies: AgenciesService,
    private readonly audit: AuditService,
  ) {}

  /** The deadline that applies to an agency's report on a year (its own, nearest ancestor's, year's, statutory). */
  async deadlineFor(
    agencyId: string,
    year: number,
    manager?: EntityManager,
  ): Promise<EffectiveDeadline> {
    const agency = await this.agencies.findById(agencyId);
    const path = agency?.path ?? [agencyId];
    const repository = manager ? manager.getRepository(ReportDeadlineEntity) : this.deadlines;
    const rules = await repository
      .createQueryBuilder('deadline')
      .where('deadline.year = :year', { year })
      .andWhere('(deadline.agency_id IS NULL OR deadline.agency_id IN (:...path))', { path })
      .getMany();
    return effectiveDeadline(year, path, rules, agency?.kind ?? null);
  }

  /** The year's rules the caller may see, and (for a visible agency) the one that applies to it. */
  async list(user: AuthUser, year: number, agencyId?: string): Promise<DeadlineListDto> {
    if (agencyId !== undefined) await this.agencies.assertVisible(user, agencyId);
    const rows = await this.deadlines.find({ where: { year }, order: { dueDate: 'ASC' } });
    const visible =
      user.role === 'admin' ? null : new Set(await this.agencies.visibleAgencyIds(user));
    const shown = rows.filter(
      (row) => row.agencyId === null || visible === null || visible.has(row.agencyId),
    );
    const names = await this.agencies.describeMany(
      shown.flatMap((row) => (row.agencyId ? [row.agencyId] : [])),
    );
    const yearDefault = rows.find((row) => row.agencyId === null);
    const effective = agencyId === undefined ? undefined : await this.deadlineFor(agencyId, year);
    return {
      year,
      statutoryDueDate: statutoryDueDate(year),
      governmentStatutoryDueDate: statutoryDueDate(year, 'government'),
      defaultDueDate: yearDefault?.dueDate ?? statutoryDueDate(year),
      deadlines: shown.map((row) =>
        toDeadlineDto(row, row.agencyId ? (names.get(row.agencyId)?.name ?? null) : null),
      ),
      ...(effective && agencyId !== undefined
        ? {
            effective: {
              agencyId,
              dueDate: effective.dueDate,
              source: effective.source,
              setByAgencyId: effective.agencyId,
            },
          }
        : {}),
    };
  }

  /**
   * Removes a year default or an agency subtree's override: the reports it governed fall back
   * to the next rule (an ancestor's, the year's default, the statute's 31 January).
   */
  async remove(actor: AuthUser, address: string | null, id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const repository = manager.getRepository(ReportDeadlineEntity);
      const row = await repository.findOneBy({ id });
      if (!row) throw deadlineNotFound();
      await repository.delete({ id });
      await this.audit.record(
        {
          actor,
          address,
          action: 'deadline.delete',
          targetType: 'report_deadline',
          targetId: row.id,
          details: { year: row.year, agencyId: row.agencyId, dueDate: row.dueDate },
        },
        manager,
      );
    });
  }

  /** Sets (creates or replaces) the year's default, or an agency subtree's override. */
  async set(actor: AuthUser, address: string | null, input: SetDeadlineDto): Promise<DeadlineDto> {
    const agencyId = input.agencyId ?? null;
    if (input.dueDate <= `${input.year}-12-31`) throw deadlineBeforeYearEnd(input.year);
    const agency = agencyId === null ? null : await this.agencies.assertVisible(actor, agencyId);
    return this.dataSource.transaction(async (manager) => {
      const repository = manager.getRepository(ReportDeadlineEntity);
      // The unique index is on an expression (NULL agency = year default), so upsert by hand.
      await manager.query(
        `INSERT INTO report_deadline (year, agency_id, due_date) VALUES ($1, $2, $3)
         ON CONFLICT (year, COALESCE(agency_id, '00000000-0000-0000-0000-000000000000'::uuid))
         DO UPDATE SET due_date = EXCLUDED.due_date, updated_at = now()`,
        [input.year, agencyId, input.dueDate],
      );
      const row = await repository.findOneByOrFail({
        year: input.year,
        agencyId: agencyId ?? IsNull(),
      });
      await this.audit.record(
        {
          actor,
          address,
          action: 'deadline.set',
          targetType: 'report_deadline',
          targetId: row.id,
          details: { year: row.year, agencyId: row.agencyId, dueDate: row.dueDate },
        },
        manager,
      );
      return toDeadlineDto(row, agency?.name ?? null);
    });
  }
}

function toDeadlineDto(row: ReportDeadlineEntity, agencyName: string | null): DeadlineDto {
  return { id: row.id, year: row.year, agencyId: row.agencyId, agencyName, dueDate: row.dueDate };
}
