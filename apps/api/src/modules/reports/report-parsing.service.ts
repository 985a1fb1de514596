import { extname, join, resolve } from 'node:path';
import { threadId, Worker } from 'node:worker_threads';
import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { ParsedReport } from '@atlas/report-parser';
import { PinoLogger } from 'nestjs-pino';
import { APP_CONFIG, type AppConfig, type ParsePoolConfig } from '../../common/runtime';
import { type ParseJob, type ParseOutcome, type ParseReply, runParseJob } from './parse-job';
import type { PreviewContext } from './report-preview';
import { parseBusy, parseFailed, parseOutOfMemory, parseTimedOut } from './report.errors';
import { BoundedPool, PoolBusyError, type WorkerRun, WorkerShelf } from './worker-runner';

/** Compiled: parse.worker.js next to this file; under @swc-node/register (npm run dev): the .ts. */
const WORKER_FILE = join(__dirname, 'parse.worker' + extname(__filename));

/**
 * A parse thread, with its heap capped. Run from TypeScript sources (dev, tests) the thread
 * registers the same TypeScript hook the dev server uses, so it works under Jest as well.
 */
export function createParseWorker(memoryMb: number): Worker {
  const fromSources = WORKER_FILE.endsWith('.ts');
  return new Worker(WORKER_FILE, {
    resourceLimits: { maxOldGenerationSizeMb: memoryMb },
    ...(fromSources && {
      execArgv: [...process.execArgv, '--require', '@swc-node/register'],
      env: {
        ...process.env,
        SWC_NODE_PROJECT:
          process.env['SWC_NODE_PROJECT'] ??
          resolve(__dirname, '../../../../../tsconfig.node-dev.json'),
      },
    }),
  });
}

/** Files up to this size leave their thread for the next job; larger ones retire it. */
const KEEP_THREAD_AFTER_BYTES = 4 * 1024 * 1024;

/**
 * Runs parse jobs in a bounded pool: at most `threads` parse threads at once, `queue` more
 * waiting, the rest refused. Threads are kept for the next job (`WorkerShelf`); a job past its
 * time limit or heap limit, or that fails, has its thread terminated and never reused.
 */
export class ParsePool {
  private readonly pool: BoundedPool;
  private readonly threads: WorkerShelf;

  constructor(
    readonly limits: ParsePoolConfig,
    private readonly inThreads: boolean,
  ) {
    this.pool = new BoundedPool(limits.threads, limits.queue);
    this.threads = new WorkerShelf(() => createParseWorker(limits.memoryMb), limits.threads);
  }

  /** Ends the kept threads (when the application stops). */
  close(): Promise<void> {
    return this.threads.close();
  }

  get queued(): number {
    return this.pool.queued;
  }

  /** Throws PoolBusyError when every thread is busy and the queue is full. */
  run(job: ParseJob, timeoutMs = this.limits.timeoutMs): Promise<WorkerRun<ParseReply>> {
    return this.pool.run(async () => {
      if (!this.inThreads) return withTimeout(inThisThread(job), timeoutMs);
      try {
        return await this.threads.run<ParseReply>(
          job,
          job.bytes.buffer instanceof ArrayBuffer ? [job.bytes.buffer] : [],
          timeoutMs,
          // A thread that read a very large file keeps its grown heap while idle: not kept.
          job.bytes.length <= KEEP_THREAD_AFTER_BYTES,
        );
      } catch (error) {
        return {
          kind: 'reply',
          reply: { threadId: -1, outcome: { ok: false, failure: 'crash', detail: String(error) } },
        };
      }
    });
  }
}

/** Reads uploaded bytes into a canonical report, off the API's event loop. */
@Injectable()
export class ReportParsingService implements OnModuleDestroy {
  private readonly pool: ParsePool;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly logger: PinoLogger,
  ) {
    this.logger.setContext(ReportParsingService.name);
    // Jest's many app tests parse in their own thread (a thread costs a TypeScript compile
    // there); the pool's bounds still apply, and parse-pool.spec runs real threads.
    const underJest = process.env['JEST_WORKER_ID'] !== undefined;
    this.pool = new ParsePool(config.parse, !underJest);
  }

  onModuleDestroy(): Promise<void> {
    return this.pool.close();
  }

  /**
   * The parsed report, or a 422 (PARSE_<code>, PARSE_TIMEOUT, PARSE_MEMORY_LIMIT, PARSE_FAILED)
   * or a 503 (PARSE_BUSY) in Chinese.
   */
  async parse(bytes: Buffer, fileName: string, timeoutMs?: number): Promise<ParsedReport> {
    const outcome = await this.run(bytes, fileName, undefined, timeoutMs);
    if ('parsed' in outcome) return outcome.parsed;
    throw new Error('a parse job answered with a preview');
  }

  /**
   * The preview's answer (composePreview) as JSON in UTF-8, composed and serialised in the parse
   * thread: a report's text never becomes a string on the API's thread. Errors as `parse`.
   */
  async preview(bytes: Buffer, fileName: string, context: PreviewContext): Promise<Uint8Array> {
    const outcome = await this.run(bytes, fileName, context);
    if ('previewJson' in outcome) return outcome.previewJson;
    throw new Error('a preview job answered with a parsed report');
  }

  private async run(
    bytes: Buffer,
    fileName: string,
    preview: PreviewContext | undefined,
    timeoutMs?: number,
  ): Promise<Extract<ParseOutcome, { ok: true }>> {
    // An upload arrives in shared memory (shared-memory-storage.ts) and goes to the thread as it
    // is; other bytes (pasted text) are copied for the thread to own: the request's Buffer may be
    // a slice of a shared pool.
    const shared = bytes.buffer instanceof SharedArrayBuffer;
    const job: ParseJob = {
      bytes: shared ? bytes : new Uint8Array(bytes),
      fileName,
      maxInputBytes: this.config.uploadLimitBytes,
      ...(preview && { preview }),
    };
    let run: WorkerRun<ParseReply>;
    try {
      run = await this.pool.run(job, timeoutMs);
    } catch (error) {
      if (error instanceof PoolBusyError) {
        this.logger.warn({ fileName, size: bytes.length }, 'parse queue full');
        throw parseBusy(this.pool.queued);
      }
      throw error;
    }
    if (run.kind === 'timeout') {
      this.logger.warn({ fileName, size: bytes.length }, 'parse timed out');
      throw parseTimedOut(Math.ceil((timeoutMs ?? this.config.parse.timeoutMs) / 1000));
    }
    if (run.kind === 'out-of-memory') {
      this.logger.warn({ fileName, size: bytes.length }, 'parse reached its memory limit');
      throw parseOutOfMemory(this.config.parse.memoryMb);
    }
    const outcome = run.reply.outcome;
    if (outcome.ok) return outcome;
    if (outcome.failure === 'unreadable') throw parseFailed(outcome.code, outcome.messageZh);
    this.logger.error({ fileName, size: bytes.length, detail: outcome.detail }, 'parser crashed');
    throw parseFailed('FAILED', '文件无法解析，请检查文件是否完整，或改为粘贴报告全文');
  }
}

async function inThisThread(job: ParseJob): Promise<ParseReply> {
  return { threadId, outcome: await runParseJob(job) };
}

async function withTimeout<T>(work: Promise<T>, timeoutMs: number): Promise<WorkerRun<T>> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<WorkerRun<T>>((resolve) => {
    timer = setTimeout(() => resolve({ kind: 'timeout' }), timeoutMs);
  });
  try {
    return await Promise.race([
      work.then((reply): WorkerRun<T> => ({ kind: 'reply', reply })),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
