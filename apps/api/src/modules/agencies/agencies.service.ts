import { randomUUID } from 'node:crypto';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { isUUID } from 'class-validator';
import {
  DataSource,
  type EntityManager,
  QueryFailedError,
  Raw,
  type Repository,
} from 'typeorm';
import {
  agencyActiveYearsInvalid,
  agencyCodeTaken,
  agencyCycle,
  agencyHasChildren,
  agencyImportAbandoned,
  agencyImportInvalid,
  agencyImportTimedOut,
  agencyImportUnsupportedFormat,
  agencyInUse,
  agencyNameTaken,
  agencyNotFound,
  agencyParentNotFound,
  agencyTreeBusy,
} from './agency.errors';
import type { AgencyPlacement } from '../../common/events/agency-tree-changed';
import { DomainEvents } from '../../common/events/domain-events';
import { currentReportingYear } from '../../common/reporting-calendar';
import { toAgencyDto } from './agency.mapper';
import { checkAgencyImport, parseAgencySheet, planAgencyImport } from './agency-import';
import {
  AGENCY_FILE_CONTENT_TYPES,
  type AgencyFileFormat,
  type AgencyFileRecord,
  fileFormatOf,
  readSheet,
  SheetReadError,
  type SheetRow,
  writeAgencyCsv,
  writeAgencyXlsx,
} from './agency-table';
import {
  type AgencyViewer,
  buildForest,
  isMoveIntoOwnSubtree,
  isVisibleTo,
  pathBelow,
  pathIdsOf,
  sortInTreeOrder,
  type StoredAgency,
} from './agency-tree';
import type { AgencyDto, AgencyTreeNodeDto } from './dto/agency.dto';
import type { AgencyImportResultDto } from './dto/agency-import.dto';
import type { CreateAgencyDto } from './dto/create-agency.dto';
import type { ListAgenciesQueryDto } from './dto/list-agencies-query.dto';
import type { UpdateAgencyDto } from './dto/update-agency.dto';
import { AgencyEntity } from './entities/agency.entity';
import { type Actor, AuditService, SYSTEM } from '../audit';

/** How other modules show an agency: its names from the root down, e.g. 浙江省 › 杭州市 › 教育局. */
export interface AgencyDescription {
  readonly id: string;
  readonly code: string;
  readonly name: string;
  /** Names from the root down to this agency (inclusive). */
  readonly pathNames: readonly string[];
}

/**
 * A refusal another module adds to agency deletion (e.g. "reports exist"): returns a Chinese reason
 * to refuse, or null. Runs inside the deleting transaction.
 */
export type AgencyDeletionCheck = (
  agency: AgencyDto,
  manager: EntityManager,
) => Promise<string | null>;

export interface AgencyImportFile {
  readonly fileName: string;
  readonly content: Buffer;
}

export interface AgencyExportFile {
  readonly fileName: string;
  readonly contentType: string;
  readonly content: Buffer;
}

// Every change to the shape of the tree takes this lock, so that a move and a concurrent create
// under the moved subtree cannot leave a path pointing at the old place.
const TREE_LOCK_SQL = `SELECT pg_advisory_xact_lock(hashtext('atlas.agency_tree'))`;

/**
 * An import writes its rows this many per statement, and gives up (rolled back, nothing written)
 * when the tree lock is not free within `lockSeconds` or one statement runs past
 * `statementSeconds`: a 100,000-row file once held the tree lock in one INSERT for minutes.
 */
export const IMPORT_WRITE_LIMITS = { batchRows: 1_000, lockSeconds: 10, statementSeconds: 60 };

const PG_QUERY_CANCELED = '57014';
const PG_LOCK_NOT_AVAILABLE = '55P03';

// Agencies per INSERT of a bulk load (ten columns as arrays: one statement, not one per row).
const LOAD_BATCH = 5_000;

const PG_UNIQUE_VIOLATION = '23505';
const PG_FOREIGN_KEY_VIOLATION = '23503';

/** The only way other modules read or change agencies (style: modules share services, not repositories). */
@Injectable()
export class AgenciesService implements OnModuleInit {
  private readonly deletionChecks: AgencyDeletionCheck[] = [];

  constructor(
    @InjectRepository(AgencyEntity) private readonly agencies: Repository<AgencyEntity>,
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly events: DomainEvents,
  ) {}

  onModuleInit(): void {
    this.events.offerReplay('agency.tree-changed', async (manager, emit) => {
      await emit({ agencies: await placementsOf(manager) });
      return 1;
    });
  }

  // ── lookups for other modules ──────────────────────────────────────────────────────────────

  async findById(id: string): Promise<AgencyDto | null> {
    const agency = await this.findEntity(this.agencies, id);
    return agency ? toAgencyDto(agency) : null;
  }

  async findByCode(code: string): Promise<AgencyDto | null> {
    const agency = await this.agencies.findOneBy({ code: code.trim() });
    return agency ? toAgencyDto(agency) : null;
  }

  /** The agencies directly below one (rule H.COVERAGE asks who under a government reported). */
  async childrenOf(parentId: string): Promise<AgencyDto[]> {
    const children = await this.agencies.find({ where: { parentId }, order: { code: 'ASC' } });
    return children.map(toAgencyDto);
  }

  async describe(id: string): Promise<AgencyDescription | null> {
    return (await this.describeMany([id])).get(id) ?? null;
  }

  /** Two queries for any number of agencies (lists of reports name hundreds). Unknown ids are left out. */
  async describeMany(ids: readonly string[]): Promise<Map<string, AgencyDescription>> {
    const agencies = await this.findEntities(ids);
    const ancestorIds = [...new Set(agencies.flatMap((agency) => pathIdsOf(agency.path)))];
    const names = new Map(
      (
        await this.agencies.find({
          select: { id: true, name: true },
          where: { id: anyId(ancestorIds) },
        })
      ).map((agency) => [agency.id, agency.name]),
    );
    return new Map(
      agencies.map((agency) => [
        agency.id,
        {
          id: agency.id,
          code: agency.code,
          name: agency.name,
          pathNames: pathIdsOf(agency.path).map((id) => names.get(id) ?? ''),
        },
      ]),
    );
  }

  // ── scope ──────────────────────────────────────────────────────────────────────────────────

  /** The roots and every agency below them; unknown roots are ignored. */
  async subtreeIds(rootIds: readonly string[]): Promise<string[]> {
    return (await this.loadSubtrees(rootIds)).map((agency) => agency.id);
  }

  /** Whether the agency is one of the roots or below one of them. */
  async isWithin(agencyId: string, rootIds: readonly string[]): Promise<boolean> {
    const agency = await this.findEntity(this.agencies, agencyId);
    return agency !== null && pathIdsOf(agency.path).some((id) => rootIds.includes(id));
  }

  /**
   * Every agency the user may see: admins all, oversight users the subtrees under their scope
   * roots, uploaders their own agency only (never its ancestors).
   */
  async visibleAgencyIds(user: AgencyViewer): Promise<string[]> {
    return (await this.loadVisible(user)).map((agency) => agency.id);
  }

  /** The agency, if the user may see it; otherwise 404 AGENCY_NOT_FOUND (existence does not leak). */
  async assertVisible(user: AgencyViewer, agencyId: string): Promise<AgencyDto> {
    const agency = await this.findEntity(this.agencies, agencyId);
    if (!agency || !isVisibleTo(user, agency.path)) throw agencyNotFound();
    return toAgencyDto(agency);
  }

  // ── reading, as the HTTP API offers it ─────────────────────────────────────────────────────

  /** Visible agencies in tree order, filtered. The visible set is small (thousands at most). */
  async list(user: AgencyViewer, query: ListAgenciesQueryDto): Promise<AgencyDto[]> {
    const needle = query.q?.toLowerCase() ?? '';
    return sortInTreeOrder(await this.loadVisible(user))
      .filter(
        (agency) =>
          (needle === '' ||
            agency.name.toLowerCase().includes(needle) ||
            agency.code.toLowerCase().includes(needle)) &&
          (query.parentId === undefined || agency.parentId === query.parentId) &&
          (query.level === undefined || agency.level === query.level) &&
          (query.kind === undefined || agency.kind === query.kind),
      )
      .map(toAgencyDto);
  }

  /** The visible part of the tree; its roots are the topmost visible agencies (an oversight user's scope roots). */
  async tree(user: AgencyViewer): Promise<AgencyTreeNodeDto[]> {
    return buildForest<AgencyEntity, AgencyTreeNodeDto>(
      await this.loadVisible(user),
      (agency, children) => ({
        ...toAgencyDto(agency),
        children,
      }),
    );
  }

  // ── writing ────────────────────────────────────────────────────────────────────────────────

  async create(input: CreateAgencyDto, by: Actor = SYSTEM, now: Date = new Date()): Promise<AgencyDto> {
    // A unit added now is first due to report on this year: left out, 起始年度 is this year, so
    // adding it does not make it missing in every past year. null says so on purpose (不限).
    const activeFromYear = input.activeFromYear === undefined ? currentReportingYear(now) : input.activeFromYear;
    const activeToYear = input.activeToYear ?? null;
    assertActiveYears(activeFromYear, activeToYear);
    return this.changeTree(async (manager) => {
      const repository = manager.getRepository(AgencyEntity);
      const parent = input.parentId ? await this.findEntity(repository, input.parentId) : null;
      if (input.parentId && !parent) throw agencyParentNotFound();
      await assertCodeFree(repository, input.code);
      await assertNameFree(repository, parent?.id ?? null, input.name);
      const id = randomUUID();
      const agency = repository.create({
        id,
        code: input.code,
        name: input.name,
        level: input.level,
        kind: input.kind,
        parentId: parent?.id ?? null,
        path: pathBelow(parent?.path ?? null, id),
        depth: parent ? parent.depth + 1 : 0,
        activeFromYear,
        activeToYear,
      });
      await repository.insert(agency);
      await this.audit.record(
        {
          ...by,
          action: 'agency.create',
          targetType: 'agency',
          targetId: id,
          details: { code: input.code, name: input.name },
        },
        manager,
      );
      return toAgencyDto(agency);
    });
  }

  /** Changes the fields sent; a new parent moves the whole subtree (paths and depths) in the same transaction. */
  async update(id: string, input: UpdateAgencyDto, by: Actor = SYSTEM): Promise<AgencyDto> {
    return this.changeTree(async (manager) => {
      const repository = manager.getRepository(AgencyEntity);
      const agency = await this.findEntity(repository, id);
      if (!agency) throw agencyNotFound();

      const code = input.code ?? agency.code;
      const name = input.name ?? agency.name;
      const activeFromYear =
        input.activeFromYear === undefined ? agency.activeFromYear : input.activeFromYear;
      const activeToYear =
        input.activeToYear === undefined ? agency.activeToYear : input.activeToYear;
      assertActiveYears(activeFromYear, activeToYear);
      if (code !== agency.code) await assertCodeFree(repository, code);

      const moves = input.parentId !== undefined && input.parentId !== agency.parentId;
      let parent: AgencyEntity | null = null;
      if (moves && input.parentId) {
        parent = await this.findEntity(repository, input.parentId);
        if (!parent) throw agencyParentNotFound();
        if (isMoveIntoOwnSubtree(agency.id, parent.path)) throw agencyCycle();
      }
      const parentId = moves ? (parent?.id ?? null) : agency.parentId;
      if (moves || name !== agency.name)
        await assertNameFree(repository, parentId, name, agency.id);

      // The row itself in one statement (its name is checked against its new siblings only)…
      const path = moves ? pathBelow(parent?.path ?? null, agency.id) : agency.path;
      const depth = moves ? (parent ? parent.depth + 1 : 0) : agency.depth;
      await repository.update(agency.id, {
        code,
        name,
        level: input.level ?? agency.level,
        kind: input.kind ?? agency.kind,
        parentId,
        path,
        depth,
        activeFromYear,
        activeToYear,
      });
      // …then everything below it follows.
      if (moves) await moveDescendants(manager, agency.path, path, depth - agency.depth);
      await this.audit.record(
        {
          ...by,
          action: moves ? 'agency.move' : 'agency.update',
          targetType: 'agency',
          targetId: agency.id,
          details: { fields: Object.keys(input) },
        },
        manager,
      );
      return toAgencyDto(await repository.findOneByOrFail({ id: agency.id }));
    });
  }

  /** Refused while the agency has children, or while another module's check refuses. */
  async remove(id: string, by: Actor = SYSTEM): Promise<void> {
    await this.changeTree(async (manager) => {
      const repository = manager.getRepository(AgencyEntity);
      const agency = await this.findEntity(repository, id);
      if (!agency) throw agencyNotFound();
      const children = await repository.countBy({ parentId: agency.id });
      if (children > 0) throw agencyHasChildren(children);
      for (const check of this.deletionChecks) {
        const reason = await check(toAgencyDto(agency), manager);
        if (reason !== null) throw agencyInUse(reason);
      }
      await repository.delete({ id: agency.id });
      await this.audit.record(
        {
          ...by,
          action: 'agency.delete',
          targetType: 'agency',
          targetId: agency.id,
          details: { code: agency.code, name: agency.name },
        },
        manager,
      );
    });
  }

  /** For modules whose rows point at agencies: called once at start-up (e.g. in onModuleInit). */
  registerDeletionCheck(check: AgencyDeletionCheck): void {
    this.deletionChecks.push(check);
  }

  /**
   * Publishes the tree as it is to the modules that copy it (analytics), in a transaction of its
   * own: for agency rows written without this service (test fixtures, bulk loads).
   */
  async publishTree(): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query(TREE_LOCK_SQL);
      await this.announceTree(manager);
    });
  }

  /**
   * Fills an empty tree with agencies placed elsewhere, parents before children (the benchmark's
   * generated province): one transaction that publishes the tree like every change. Nothing is
   * checked against stored agencies, so a tree that has any is refused.
   */
  async loadTree(agencies: readonly StoredAgency[], by: Actor = SYSTEM): Promise<void> {
    await this.changeTree(async (manager) => {
      if ((await manager.count(AgencyEntity)) > 0)
        throw new Error('单位树不是空的：批量写入只用于空的单位树 / the agency tree is not empty');
      for (let at = 0; at < agencies.length; at += LOAD_BATCH)
        await insertAgencies(manager, agencies.slice(at, at + LOAD_BATCH));
      await this.audit.record(
        { ...by, action: 'agency.load', targetType: 'agency', details: { count: agencies.length } },
        manager,
      );
    });
  }

  /**
   * Upserts by code from a CSV or XLSX file. Every row is checked first, against the file and the
   * stored tree; one bad row refuses the whole file (422 with every problem) and nothing is written.
   */
  async importFile(
    file: AgencyImportFile,
    by: Actor = SYSTEM,
    options: { signal?: AbortSignal } = {},
  ): Promise<AgencyImportResultDto> {
    const parsed = parseAgencySheet(await readImportSheet(file));
    if (parsed.errors.length > 0) throw agencyImportInvalid(parsed.errors);
    const limits = IMPORT_WRITE_LIMITS;

    return this.changeTree(
      async (manager) => {
        const stored = await manager.find(AgencyEntity);
        const errors = checkAgencyImport(parsed.rows, stored);
        if (errors.length > 0) throw agencyImportInvalid(errors);
        const plan = planAgencyImport(parsed.rows, stored, randomUUID);
        const insertedIds = new Set(plan.inserts.map((agency) => agency.id));
        // Foreign keys are checked per statement: agencies moving under a new agency wait for its
        // insert. Inserts are sorted parents first, so a batch never names a later batch's row.
        const underNewParent = (agency: StoredAgency) =>
          agency.parentId !== null && insertedIds.has(agency.parentId);
        const steps: [typeof updateAgencies, readonly StoredAgency[]][] = [
          [updateAgencies, plan.updates.filter((agency) => !underNewParent(agency))],
          [insertAgencies, plan.inserts],
          [updateAgencies, plan.updates.filter(underNewParent)],
        ];
        let batches = 0;
        for (const [write, agencies] of steps) {
          for (let at = 0; at < agencies.length; at += limits.batchRows) {
            // A client that gave up does not get a tree changed behind its back.
            if (options.signal?.aborted) throw agencyImportAbandoned();
            await write(manager, agencies.slice(at, at + limits.batchRows));
            batches += 1;
          }
        }
        // The bound is on the import's own statements; what the tree change sets off in other
        // modules (analytics recounts the tree) keeps the server's default.
        await manager.query('SET LOCAL statement_timeout TO DEFAULT');
        const result = {
          created: plan.created,
          updated: plan.updated,
          unchanged: plan.unchanged,
          batches,
        };
        await this.audit.record(
          {
            ...by,
            action: 'agency.import',
            targetType: 'agency',
            details: { fileName: file.fileName, ...result },
          },
          manager,
        );
        return result;
      },
      { lockSeconds: limits.lockSeconds, statementSeconds: limits.statementSeconds },
    );
  }

  /** The visible agencies in tree order, as a file the import reads back. */
  async exportFile(
    user: AgencyViewer,
    format: AgencyFileFormat,
    by: Actor = SYSTEM,
  ): Promise<AgencyExportFile> {
    const agencies = sortInTreeOrder(await this.loadVisible(user));
    const codeById = new Map(agencies.map((agency) => [agency.id, agency.code]));
    const records: AgencyFileRecord[] = agencies.map((agency) => ({
      code: agency.code,
      name: agency.name,
      level: agency.level,
      kind: agency.kind,
      // A parent outside the caller's scope is left blank: the file is its own tree and leaks nothing.
      parentCode: agency.parentId === null ? null : (codeById.get(agency.parentId) ?? null),
      activeFromYear: agency.activeFromYear,
      activeToYear: agency.activeToYear,
    }));
    const content = format === 'csv' ? writeAgencyCsv(records) : await writeAgencyXlsx(records);
    const date = new Date().toISOString().slice(0, 10).replaceAll('-', '');
    await this.audit.record({
      ...by,
      action: 'agency.export',
      targetType: 'agency',
      details: { format, count: records.length },
    });
    return {
      fileName: `agencies-${date}.${format}`,
      contentType: AGENCY_FILE_CONTENT_TYPES[format],
      content,
    };
  }

  // ── internals ──────────────────────────────────────────────────────────────────────────────

  private async findEntity(
    repository: Repository<AgencyEntity>,
    id: string,
  ): Promise<AgencyEntity | null> {
    // A malformed id names no agency; PostgreSQL would refuse the uuid cast with a 500.
    return isUUID(id) ? repository.findOneBy({ id }) : null;
  }

  private async findEntities(ids: readonly string[]): Promise<AgencyEntity[]> {
    const valid = [...new Set(ids.filter((id) => isUUID(id)))];
    return valid.length === 0 ? [] : this.agencies.findBy({ id: anyId(valid) });
  }

  private async loadVisible(user: AgencyViewer): Promise<AgencyEntity[]> {
    switch (user.role) {
      case 'admin':
        return this.agencies.find();
      case 'oversight':
        return this.loadSubtrees(user.scopeAgencyIds);
      case 'uploader':
        return user.agencyId === null ? [] : this.findEntities([user.agencyId]);
    }
  }

  /** The roots' paths, then one `path LIKE '<root path>%'` per root (served by idx_agency_path). */
  private async loadSubtrees(rootIds: readonly string[]): Promise<AgencyEntity[]> {
    const roots = await this.findEntities(rootIds);
    if (roots.length === 0) return [];
    const query = this.agencies.createQueryBuilder('agency');
    roots.forEach((root, index) =>
      query.orWhere(`agency.path LIKE :prefix${index}`, { [`prefix${index}`]: `${root.path}%` }),
    );
    return query.getMany();
  }

  /** Inside the transaction that changed the tree, after the change: copies change with it. */
  private async announceTree(manager: EntityManager): Promise<void> {
    await this.events.publish('agency.tree-changed', { agencies: await placementsOf(manager) }, manager);
  }

  /** One transaction holding the tree lock; constraint violations that slip past the checks become 409s. */
  private async changeTree<T>(
    work: (manager: EntityManager) => Promise<T>,
    timeouts?: { lockSeconds: number; statementSeconds: number },
  ): Promise<T> {
    try {
      return await this.dataSource.transaction(async (manager) => {
        if (timeouts) {
          // SET LOCAL: both end with the transaction, the pooled connection keeps its defaults.
          await manager.query(`SET LOCAL lock_timeout = '${timeouts.lockSeconds}s'`);
          await manager.query(`SET LOCAL statement_timeout = '${timeouts.statementSeconds}s'`);
        }
        await manager.query(TREE_LOCK_SQL);
        const result = await work(manager);
        await this.announceTree(manager);
        return result;
      });
    } catch (error) {
      throw translateConstraintViolation(error, timeouts?.statementSeconds ?? 0);
    }
  }
}

/** `id = ANY($1)`: one array parameter, where TypeORM's In() binds one per id (at most 32,767). */
function anyId(ids: readonly string[]) {
  return Raw((column) => `${column} = ANY(:ids::uuid[])`, { ids: [...ids] });
}

/** Every agency's place in the tree, as the 'agency.tree-changed' event carries it. */
async function placementsOf(manager: EntityManager): Promise<AgencyPlacement[]> {
  return manager.query<AgencyPlacement[]>(
    `SELECT id, parent_id AS "parentId", code, name, path, kind, level,
            active_from_year AS "activeFromYear", active_to_year AS "activeToYear"
       FROM agency ORDER BY id`,
  );
}

async function readImportSheet(file: AgencyImportFile): Promise<SheetRow[]> {
  const format = fileFormatOf(file.fileName);
  if (!format) throw agencyImportUnsupportedFormat();
  try {
    return await readSheet(format, file.content);
  } catch (error) {
    if (error instanceof SheetReadError) {
      throw agencyImportInvalid([{ row: error.rowNumber, column: null, message: error.message }]);
    }
    throw error;
  }
}

function assertActiveYears(from: number | null, to: number | null): void {
  if (from !== null && to !== null && from > to) throw agencyActiveYearsInvalid(from, to);
}

async function assertCodeFree(repository: Repository<AgencyEntity>, code: string): Promise<void> {
  if (await repository.existsBy({ code })) throw agencyCodeTaken(code);
}

async function assertNameFree(
  repository: Repository<AgencyEntity>,
  parentId: string | null,
  name: string,
  exceptId?: string,
): Promise<void> {
  const query = repository
    .createQueryBuilder('agency')
    .where('agency.name = :name', { name })
    .andWhere(parentId === null ? 'agency.parent_id IS NULL' : 'agency.parent_id = :parentId', {
      parentId,
    });
  if (exceptId) query.andWhere('agency.id <> :exceptId', { exceptId });
  if (await query.getExists()) throw agencyNameTaken(name);
}

/** Rewrites the path prefix and shifts the depth of every agency below a moved one, in one statement. */
async function moveDescendants(
  manager: EntityManager,
  oldPath: string,
  newPath: string,
  depthChange: number,
): Promise<void> {
  await manager.query(
    `UPDATE agency
        SET path = $1 || substr(path, $2), depth = depth + $3, updated_at = now()
      WHERE path LIKE $4`,
    [newPath, oldPath.length + 1, depthChange, `${oldPath}.%`],
  );
}

const AGENCY_VALUES = `unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::uuid[], $7::text[],
                              $8::int[], $9::int[], $10::int[])
                       AS v(id, code, name, level, kind, parent_id, path, depth, active_from_year, active_to_year)`;

function agencyColumns(agencies: readonly StoredAgency[]): unknown[] {
  return [
    agencies.map((agency) => agency.id),
    agencies.map((agency) => agency.code),
    agencies.map((agency) => agency.name),
    agencies.map((agency) => agency.level),
    agencies.map((agency) => agency.kind),
    agencies.map((agency) => agency.parentId),
    agencies.map((agency) => agency.path),
    agencies.map((agency) => agency.depth),
    agencies.map((agency) => agency.activeFromYear),
    agencies.map((agency) => agency.activeToYear),
  ];
}

/** A whole import's rows in one statement each (thousands of agencies, not thousands of round trips). */
async function insertAgencies(
  manager: EntityManager,
  agencies: readonly StoredAgency[],
): Promise<void> {
  if (agencies.length === 0) return;
  await manager.query(
    `INSERT INTO agency (id, code, name, level, kind, parent_id, path, depth, active_from_year, active_to_year)
     SELECT v.id, v.code, v.name, v.level, v.kind, v.parent_id, v.path, v.depth, v.active_from_year, v.active_to_year
       FROM ${AGENCY_VALUES}`,
    agencyColumns(agencies),
  );
}

async function updateAgencies(
  manager: EntityManager,
  agencies: readonly StoredAgency[],
): Promise<void> {
  if (agencies.length === 0) return;
  await manager.query(
    `UPDATE agency AS a
        SET code = v.code, name = v.name, level = v.level, kind = v.kind, parent_id = v.parent_id,
            path = v.path, depth = v.depth, active_from_year = v.active_from_year,
            active_to_year = v.active_to_year, updated_at = now()
       FROM ${AGENCY_VALUES}
      WHERE a.id = v.id`,
    agencyColumns(agencies),
  );
}

/** What the checks cannot see (another module's row pointing at a deleted agency) as 409s, not 500s. */
function translateConstraintViolation(error: unknown, statementSeconds: number): unknown {
  if (!(error instanceof QueryFailedError)) return error;
  const { code, constraint } = error.driverError as { code?: string; constraint?: string };
  if (code === PG_LOCK_NOT_AVAILABLE) return agencyTreeBusy();
  if (code === PG_QUERY_CANCELED && statementSeconds > 0) return agencyImportTimedOut(statementSeconds);
  if (code === PG_UNIQUE_VIOLATION && constraint === 'uq_agency_code') return agencyCodeTaken();
  // Also an import that swaps two siblings' names: the unique index is checked row by row.
  if (code === PG_UNIQUE_VIOLATION && constraint === 'uq_agency_parent_name')
    return agencyNameTaken();
  if (code === PG_FOREIGN_KEY_VIOLATION) {
    return agencyInUse('该机构仍被其他数据引用（如用户、年报），无法删除');
  }
  return error;
}
