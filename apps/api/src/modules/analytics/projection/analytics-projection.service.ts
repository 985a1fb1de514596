import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { DomainEvents } from '../../../common/events/domain-events';
import { ANALYTICS_LAYOUT_SIGNATURE, type FactAgency, factOf, type ReportFact } from './analytics-fact';
import { projectAgencyTree } from './agency-projection';
import { nextRevision, WRITE_BATCH, writeFacts } from './fact-rows';
import { loadWithoutIndexes } from './bulk-load';
import { rebuildRollups } from './rollup-writes';
import {
  FACT_AGENCY_COLUMNS,
  PROJECTION_LOCK_SQL,
  projectSnapshot,
} from './snapshot-projection';

/**
 * The write side of analytics: keeps its projection (analytics_agency, analytics_report,
 * analytics_rollup, analytics_metric_value, analytics_expected) in step with the events of the
 * reports and agencies modules, inside their transactions, and rebuilds it from their replays.
 * It never reads another module's tables.
 */
@Injectable()
export class AnalyticsProjection implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger(AnalyticsProjection.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: DomainEvents,
  ) {}

  onModuleInit(): void {
    this.events.subscribe('report.snapshot', (snapshot, manager) =>
      projectSnapshot(manager, snapshot),
    );
    this.events.subscribe('agency.tree-changed', (event, manager) =>
      projectAgencyTree(manager, event.agencies),
    );
  }

  /** A database written by an older layout (or before analytics existed) is rebuilt once. */
  async onApplicationBootstrap(): Promise<void> {
    const [state] = await this.dataSource.query<{ layout: string | null }[]>(
      'SELECT layout FROM analytics_state WHERE id = 1',
    );
    if (state?.layout === ANALYTICS_LAYOUT_SIGNATURE) return;
    const started = Date.now();
    const reports = await this.rebuild();
    this.logger.log(`analytics projection rebuilt: ${reports} reports in ${Date.now() - started} ms`);
  }

  /**
   * Replays the agency tree and every report's snapshot into an emptied projection, in one
   * transaction. Returns the number of facts (reports with a submitted version). The projection's
   * tables are held exclusively meanwhile: an answer asked during a rebuild waits for it rather
   * than read a projection being replaced.
   */
  async rebuild(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(PROJECTION_LOCK_SQL);
      await manager.query('TRUNCATE analytics_rollup, analytics_metric_value, analytics_report');
      await this.events.replay('agency.tree-changed', manager, (event) =>
        projectAgencyTree(manager, event.agencies),
      );
      const count = await loadWithoutIndexes(manager, 'analytics_report', () =>
        this.replayFacts(manager),
      );
      await rebuildRollups(manager, await nextRevision(manager));
      await manager.query('UPDATE analytics_state SET layout = $1 WHERE id = 1', [
        ANALYTICS_LAYOUT_SIGNATURE,
      ]);
      return count;
    });
  }

  /** Every report's fact from its replayed snapshot, written a batch at a time. */
  private async replayFacts(manager: EntityManager): Promise<number> {
    const agencies = new Map(
      (
        await manager.query<(FactAgency & { id: string })[]>(
          `SELECT id, ${FACT_AGENCY_COLUMNS} FROM analytics_agency`,
        )
      ).map((agency) => [agency.id, agency]),
    );
    const revision = await nextRevision(manager);
    let batch: ReportFact[] = [];
    let count = 0;
    await this.events.replay('report.snapshot', manager, async (snapshot) => {
      const agency = agencies.get(snapshot.agencyId);
      if (!agency) throw new Error(`agency ${snapshot.agencyId} of report ${snapshot.reportId} is not in the tree`);
      const fact = factOf(snapshot, agency);
      if (!fact) return;
      batch.push(fact);
      count++;
      if (batch.length < WRITE_BATCH) return;
      await writeFacts(manager, batch, revision);
      batch = [];
    });
    await writeFacts(manager, batch, revision);
    return count;
  }
}
