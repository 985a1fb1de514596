import { Injectable } from '@nestjs/common';
import {
  alertOutcome,
  alertThresholdProblem,
  compareAlerts,
  isAlertLevel,
  isMetricKey,
  metric,
  METRICS,
  type AlertLevel,
  type AlertThresholds,
  type MetricKey,
} from '@atlas/metrics';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuthUser } from '../../common/auth/auth-user';
import { latestEndedYear } from '../../common/reporting-calendar';
import { AgenciesService } from '../agencies';
import { AnalyticsObservations, type RegionObservations } from '../analytics';
import { AuditService } from '../audit';
import {
  alertDefaultRuleAdminOnly,
  alertMetricUnknown,
  alertRuleExists,
  alertRuleNotFound,
  alertThresholdsInvalid,
} from './alert.errors';
import type {
  AlertAgencyDto,
  AlertItemDto,
  AlertRuleChangeDto,
  AlertRuleResponseDto,
  AlertRuleSettingsDto,
  AlertsQueryDto,
  AlertsResponseDto,
  CreateAlertRuleDto,
  UpdateAlertRuleDto,
} from './dto/alert.dto';

/** The region name of the default rules, which apply to every region. */
export const EVERY_REGION = '全部地区';
/** A region's list names at most this many agencies per rule. */
const AGENCIES_PER_ALERT = 200;
const CHANGES_LISTED = 200;
const PG_UNIQUE_VIOLATION = '23505';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface RuleRow {
  id: string;
  region_id: string | null;
  metric: string;
  direction: 'above' | 'below';
  yellow: number;
  red: number;
  min_sample: number;
  updated_at: Date;
  updated_by: string | null;
}

interface ChangeRow {
  id: string;
  rule_id: string;
  region_id: string | null;
  region_name: string;
  metric: string;
  action: 'create' | 'update' | 'delete';
  before: AlertRuleSettingsDto | null;
  after: AlertRuleSettingsDto | null;
  actor_name: string | null;
  at: Date;
}

const RULE_COLUMNS =
  'id, region_id, metric, direction, yellow, red, min_sample, updated_at, updated_by';
const METRIC_ORDER = new Map<string, number>(METRICS.map((m, index) => [m.key, index]));

/**
 * Threshold alerts (预警): rules per region on catalogue metrics, kept with a log of every change,
 * and evaluated on read from analytics' values, so a report counts the moment analytics has it.
 */
@Injectable()
export class AlertsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly agencies: AgenciesService,
    private readonly observations: AnalyticsObservations,
    private readonly audit: AuditService,
  ) {}

  // ── rules ──────────────────────────────────────────────────────────────────────────────────

  async listRules(user: AuthUser): Promise<AlertRuleResponseDto[]> {
    const rows = await this.visibleRules(user);
    return this.toRuleDtos(rows);
  }

  async createRule(
    user: AuthUser,
    address: string | null,
    body: CreateAlertRuleDto,
  ): Promise<AlertRuleResponseDto> {
    const key = assertMetric(body.metric);
    const settings = settingsOf(body);
    assertThresholds(key, settings);
    const regionId = body.regionId ?? null;
    const regionName = await this.assertMayManage(user, regionId);
    const row = await this.write(key, regionName, async (manager) => {
      const [created] = await manager.query<RuleRow[]>(
        `INSERT INTO alert_rule (region_id, metric, direction, yellow, red, min_sample, updated_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${RULE_COLUMNS}`,
        [
          regionId,
          key,
          settings.direction,
          settings.yellow,
          settings.red,
          settings.minSample,
          user.displayName,
        ],
      );
      await this.logChange(manager, user, address, created, regionName, 'create', null, settings);
      return created;
    });
    return (await this.toRuleDtos([row]))[0];
  }

  async updateRule(
    user: AuthUser,
    address: string | null,
    id: string,
    body: UpdateAlertRuleDto,
  ): Promise<AlertRuleResponseDto> {
    const current = await this.findVisibleRule(user, id);
    const regionName = await this.assertMayManage(user, current.region_id);
    const key = current.metric as MetricKey;
    const before = settingsOfRow(current);
    const after: AlertRuleSettingsDto = {
      direction: body.direction ?? before.direction,
      yellow: body.yellow ?? before.yellow,
      red: body.red ?? before.red,
      minSample: body.minSample ?? before.minSample,
    };
    assertThresholds(key, after);
    const row = await this.write(key, regionName, async (manager) => {
      // TypeORM answers an UPDATE or DELETE on PostgreSQL with [rows, affected].
      const [[updated]] = await manager.query<[RuleRow[], number]>(
        `UPDATE alert_rule SET direction = $2, yellow = $3, red = $4, min_sample = $5,
                updated_at = now(), updated_by = $6
          WHERE id = $1 RETURNING ${RULE_COLUMNS}`,
        [id, after.direction, after.yellow, after.red, after.minSample, user.displayName],
      );
      if (!updated) throw alertRuleNotFound();
      await this.logChange(manager, user, address, updated, regionName, 'update', before, after);
      return updated;
    });
    return (await this.toRuleDtos([row]))[0];
  }

  async deleteRule(user: AuthUser, address: string | null, id: string): Promise<void> {
    const current = await this.findVisibleRule(user, id);
    const regionName = await this.assertMayManage(user, current.region_id);
    await this.dataSource.transaction(async (manager) => {
      const [deleted] = await manager.query<[RuleRow[], number]>(
        `DELETE FROM alert_rule WHERE id = $1 RETURNING ${RULE_COLUMNS}`,
        [id],
      );
      if (deleted.length === 0) throw alertRuleNotFound();
      await this.logChange(
        manager,
        user,
        address,
        current,
        regionName,
        'delete',
        settingsOfRow(current),
        null,
      );
    });
  }

  /** The newest changes of the rules the caller may see (deleted ones too). */
  async changes(user: AuthUser): Promise<AlertRuleChangeDto[]> {
    const rows = await this.dataSource.query<ChangeRow[]>(
      `SELECT id::text, rule_id, region_id, region_name, metric, action, before, after, actor_name, at
         FROM alert_rule_change ORDER BY id DESC`,
    );
    const visible = await this.visibleRegions(
      user,
      rows.map((row) => row.region_id),
    );
    return rows
      .filter((row) => row.region_id === null || visible.has(row.region_id))
      .slice(0, CHANGES_LISTED)
      .map((row) => ({
        id: row.id,
        ruleId: row.rule_id,
        action: row.action,
        regionName: row.region_name,
        metricName: isMetricKey(row.metric) ? metric(row.metric).nameZh : row.metric,
        before: row.before,
        after: row.after,
        actorName: row.actor_name,
        at: row.at.toISOString(),
      }));
  }

  // ── evaluation ─────────────────────────────────────────────────────────────────────────────

  /**
   * Every rule that applies to the scope, on its latest values: the default rules on the scope
   * itself, a region's rules on that region (when it lies in the scope), each on the region's
   * reports together and on every agency's own.
   */
  async evaluate(user: AuthUser, query: AlertsQueryDto): Promise<AlertsResponseDto> {
    const year = query.year ?? latestEndedYear();
    const rules = await this.visibleRules(user);
    const dtos = new Map((await this.toRuleDtos(rules)).map((dto) => [dto.id, dto]));

    const byRegion = new Map<string | null, RuleRow[]>();
    for (const rule of rules) {
      const list = byRegion.get(rule.region_id) ?? [];
      list.push(rule);
      byRegion.set(rule.region_id, list);
    }
    // The scope itself is checked (404 outside the caller's) even when no rule reads it.
    const scopeObservations = await this.observations.observe(
      user,
      query.scope,
      year,
      metricsOf(byRegion.get(null) ?? []),
    );
    const items: AlertItemDto[] = [];
    for (const [regionId, regionRules] of byRegion) {
      let observed: RegionObservations = scopeObservations;
      if (regionId !== null) {
        if (query.scope !== undefined && !(await this.agencies.isWithin(regionId, [query.scope])))
          continue;
        observed = await this.observations.observe(user, regionId, year, metricsOf(regionRules));
      }
      for (const rule of regionRules) {
        const dto = dtos.get(rule.id);
        if (dto) items.push(evaluateRule(dto, rule, observed));
      }
    }
    items.sort(
      (a, b) =>
        levelRank(a.level) - levelRank(b.level) ||
        (METRIC_ORDER.get(a.rule.metric) ?? 0) - (METRIC_ORDER.get(b.rule.metric) ?? 0) ||
        a.regionName.localeCompare(b.regionName, 'zh-CN'),
    );
    return { year, items };
  }

  // ── helpers ────────────────────────────────────────────────────────────────────────────────

  /** Admins see every rule; oversight users the default rules and those of regions in scope. */
  private async visibleRules(user: AuthUser): Promise<RuleRow[]> {
    const rows = await this.dataSource.query<RuleRow[]>(
      `SELECT ${RULE_COLUMNS} FROM alert_rule ORDER BY region_id NULLS FIRST, metric, direction`,
    );
    const visible = await this.visibleRegions(
      user,
      rows.map((row) => row.region_id),
    );
    return rows.filter((row) => row.region_id === null || visible.has(row.region_id));
  }

  /** Of the regions named, those the caller may see. */
  private async visibleRegions(
    user: AuthUser,
    regionIds: readonly (string | null)[],
  ): Promise<Set<string>> {
    const ids = [...new Set(regionIds.filter((id): id is string => id !== null))];
    if (user.role === 'admin') return new Set(ids);
    if (user.role !== 'oversight') return new Set();
    const visible = new Set<string>();
    for (const id of ids)
      if (await this.agencies.isWithin(id, user.scopeAgencyIds)) visible.add(id);
    return visible;
  }

  private async findVisibleRule(user: AuthUser, id: string): Promise<RuleRow> {
    if (!UUID.test(id)) throw alertRuleNotFound();
    const [row] = await this.dataSource.query<RuleRow[]>(
      `SELECT ${RULE_COLUMNS} FROM alert_rule WHERE id = $1`,
      [id],
    );
    if (!row) throw alertRuleNotFound();
    if (row.region_id !== null && !(await this.visibleRegions(user, [row.region_id])).size)
      throw alertRuleNotFound();
    return row;
  }

  /** The region's name if the caller may set its rules: admins any, oversight its scope. */
  private async assertMayManage(user: AuthUser, regionId: string | null): Promise<string> {
    if (regionId === null) {
      if (user.role !== 'admin') throw alertDefaultRuleAdminOnly();
      return EVERY_REGION;
    }
    return (await this.agencies.assertVisible(user, regionId)).name;
  }

  private async write<T>(
    key: MetricKey,
    regionName: string,
    work: (manager: EntityManager) => Promise<T>,
  ): Promise<T> {
    try {
      return await this.dataSource.transaction(work);
    } catch (error) {
      if ((error as { code?: string }).code === PG_UNIQUE_VIOLATION)
        throw alertRuleExists(metric(key).nameZh, regionName);
      throw error;
    }
  }

  private async logChange(
    manager: EntityManager,
    user: AuthUser,
    address: string | null,
    rule: RuleRow,
    regionName: string,
    action: 'create' | 'update' | 'delete',
    before: AlertRuleSettingsDto | null,
    after: AlertRuleSettingsDto | null,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO alert_rule_change
         (rule_id, region_id, region_name, metric, action, before, after, actor_id, actor_name)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        rule.id,
        rule.region_id,
        regionName,
        rule.metric,
        action,
        before ? JSON.stringify(before) : null,
        after ? JSON.stringify(after) : null,
        user.id,
        user.displayName,
      ],
    );
    await this.audit.record(
      {
        actor: user,
        address,
        action: `alert-rule.${action}`,
        targetType: 'alert_rule',
        targetId: rule.id,
        details: { metric: rule.metric, region: regionName, before, after },
      },
      manager,
    );
  }

  private async toRuleDtos(rows: readonly RuleRow[]): Promise<AlertRuleResponseDto[]> {
    const regionIds = rows.flatMap((row) => (row.region_id ? [row.region_id] : []));
    const regions = await this.agencies.describeMany(regionIds);
    return rows.map((row) => {
      const m = isMetricKey(row.metric) ? metric(row.metric) : null;
      return {
        id: row.id,
        regionId: row.region_id,
        regionName: row.region_id ? (regions.get(row.region_id)?.name ?? '') : EVERY_REGION,
        metric: row.metric,
        metricName: m?.nameZh ?? row.metric,
        unit: m?.unit ?? '',
        ...settingsOfRow(row),
        updatedAt: row.updated_at.toISOString(),
        updatedBy: row.updated_by,
      };
    });
  }
}

function assertMetric(key: string): MetricKey {
  if (!isMetricKey(key)) throw alertMetricUnknown(key);
  return key;
}

function assertThresholds(key: MetricKey, settings: AlertThresholds): void {
  const problem = alertThresholdProblem(key, settings);
  if (problem) throw alertThresholdsInvalid(problem);
}

function settingsOf(body: CreateAlertRuleDto): AlertRuleSettingsDto {
  return {
    direction: body.direction,
    yellow: body.yellow,
    red: body.red,
    minSample: body.minSample,
  };
}

function settingsOfRow(row: RuleRow): AlertRuleSettingsDto {
  return {
    direction: row.direction,
    yellow: Number(row.yellow),
    red: Number(row.red),
    minSample: Number(row.min_sample),
  };
}

function metricsOf(rules: readonly RuleRow[]): MetricKey[] {
  return [...new Set(rules.map((rule) => rule.metric).filter(isMetricKey))];
}

const levelRank = (level: AlertLevel | null): number =>
  level === 'red' ? 0 : level === 'yellow' ? 1 : 2;

/** One rule on one region's observations: the region's outcome and the agencies at a level. */
function evaluateRule(
  dto: AlertRuleResponseDto,
  rule: RuleRow,
  observed: RegionObservations,
): AlertItemDto {
  const thresholds = settingsOfRow(rule);
  const key = rule.metric as MetricKey;
  const regionValue = observed.values[key] ?? { value: null, sample: null };
  const regionOutcome = alertOutcome(thresholds, regionValue);
  const agencies: AlertAgencyDto[] = [];
  for (const agency of observed.agencies) {
    const observation = agency.values[key];
    if (!observation || observation.value === null) continue;
    const outcome = alertOutcome(thresholds, observation);
    if (!isAlertLevel(outcome)) continue;
    agencies.push({
      agencyId: agency.agencyId,
      code: agency.code,
      name: agency.name,
      reportId: agency.reportId,
      value: observation.value,
      sample: observation.sample,
      level: outcome,
    });
  }
  agencies.sort(
    (a, b) => compareAlerts(thresholds.direction, a, b) || a.code.localeCompare(b.code),
  );
  const redCount = agencies.filter((agency) => agency.level === 'red').length;
  const yellowCount = agencies.length - redCount;
  const levels = [
    isAlertLevel(regionOutcome) ? regionOutcome : null,
    redCount ? 'red' : yellowCount ? 'yellow' : null,
  ];
  return {
    rule: dto,
    regionId: observed.region?.id ?? null,
    regionName: observed.region?.name ?? EVERY_REGION,
    level: levels.includes('red') ? 'red' : levels.includes('yellow') ? 'yellow' : null,
    region: { ...regionValue, outcome: regionOutcome },
    redCount,
    yellowCount,
    agencies: agencies.slice(0, AGENCIES_PER_ALERT),
  };
}
