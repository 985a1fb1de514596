import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
  type OnModuleInit,
} from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import PgBoss from 'pg-boss';
import { DataSource, type EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../common/runtime';
import { ImportRunner, type RunOutcome } from './import-runner.service';
import { primaryUrlOf } from '../../database/typeorm-options';

/** pg-boss keeps its tables apart from ours, in the same database. */
export const JOB_SCHEMA = 'pgboss';
export const IMPORT_QUEUE = 'atlas-import';

/** How long a worker may hold one import before pg-boss gives it to another (resumes, never redoes). */
const IMPORT_EXPIRE_SECONDS = 4 * 60 * 60;
/** A worker that is stopping finishes the file in hand; beyond this the job is failed and retried. */
const STOP_TIMEOUT_MS = 10_000;

interface ImportJobData {
  importId: string;
}

/**
 * The job queue of bulk imports: pg-boss on the application's PostgreSQL. A job only names an
 * import; the import's rows say what is left to do, so a job that runs twice, or is retried
 * after a crash, resumes where the last one stopped. With ATLAS_JOBS=false this process only
 * enqueues, and a process with ATLAS_JOBS=true works the jobs off.
 */
@Injectable()
export class ImportQueue implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy {
  private boss: PgBoss | null = null;
  private workerId: string | null = null;
  private stopping = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly runner: ImportRunner,
    private readonly logger: PinoLogger,
  ) {
    this.logger.setContext(ImportQueue.name);
  }

  async onModuleInit(): Promise<void> {
    const url = primaryUrlOf(this.dataSource.options);
    if (!url) throw new Error('the import queue needs PostgreSQL');
    const boss = new PgBoss({
      connectionString: url,
      schema: JOB_SCHEMA,
      application_name: 'disclosure-atlas-jobs',
      max: 3,
      // Only processes that work jobs look after the queue's housekeeping.
      supervise: this.config.jobs,
      schedule: false,
    });
    boss.on('error', (error) => this.logger.error({ err: error }, 'job queue error'));
    await boss.start();
    this.boss = boss;
    await boss.createQueue(IMPORT_QUEUE, {
      name: IMPORT_QUEUE,
      // At most one waiting job per import (singletonKey): re-enqueueing one that waits is a no-op.
      policy: 'short',
      retryLimit: 3,
      retryDelay: 30,
      retryBackoff: true,
      expireInSeconds: IMPORT_EXPIRE_SECONDS,
    });
    if (this.config.jobs) {
      this.workerId = await boss.work<ImportJobData>(
        IMPORT_QUEUE,
        { batchSize: 1, pollingIntervalSeconds: 2 },
        ([job]) => (job ? this.work(job.data.importId) : Promise.resolve()),
      );
    }
  }

  /** Imports a stopped process left unfinished, and whose job was lost or gave up, start again. */
  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.jobs) return;
    try {
      for (const importId of await this.runner.unfinishedImportIds()) await this.enqueue(importId);
    } catch (error) {
      // The API serves without it; the next start (or any other worker's) tries again.
      this.logger.error({ err: error }, 'could not re-queue unfinished imports');
    }
  }

  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    // Kept while stopping: a worker that is interrupted hands its import over through it.
    await this.boss?.stop({ graceful: true, wait: true, timeout: STOP_TIMEOUT_MS });
    this.boss = null;
  }

  /**
   * Enqueues an import. Given the manager of the transaction that created the import, the job
   * commits with it: there is never an import without its job, nor a job without its import.
   */
  async enqueue(importId: string, manager?: EntityManager): Promise<void> {
    const boss = this.boss;
    if (!boss) throw new Error('the import queue is not running');
    const data: ImportJobData = { importId };
    await boss.send(IMPORT_QUEUE, data, {
      singletonKey: importId,
      ...(manager ? { db: managerDb(manager) } : {}),
    });
  }

  /** After the enqueuing transaction commits: start now rather than at the next poll. */
  wake(): void {
    if (this.boss && this.workerId) this.boss.notifyWorker(this.workerId);
  }

  private async work(importId: string): Promise<void> {
    let outcome: RunOutcome;
    try {
      outcome = await this.runner.run(importId, () => this.stopping);
    } catch (error) {
      // Failing while stopping is the stop's doing (connections closing), not the import's.
      if (!this.stopping) throw error;
      outcome = 'interrupted';
    }
    if (outcome === 'interrupted') {
      // This process is stopping: hand the rest to whichever worker polls next, right away
      // (a failed job would wait for its retry delay). Sent through TypeORM: pg-boss's own pool
      // is about to close.
      await this.boss?.send(IMPORT_QUEUE, { importId } satisfies ImportJobData, {
        singletonKey: importId,
        db: managerDb(this.dataSource.manager),
      });
      this.logger.info({ importId }, 'import handed over: this process is stopping');
    }
  }
}

/** pg-boss runs its SQL through this: on a transaction's connection, or TypeORM's pool. */
function managerDb(manager: EntityManager): PgBoss.Db {
  return {
    executeSql: async (text: string, values: unknown[]) => ({
      rows: await manager.query<unknown[]>(text, values),
    }),
  };
}
