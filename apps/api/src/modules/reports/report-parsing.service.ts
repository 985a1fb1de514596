import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { Inject, Injectable } from '@nestjs/common';
import { detectFormat, type ParsedReport } from '@atlas/report-parser';
import { PinoLogger } from 'nestjs-pino';
import { APP_CONFIG, type AppConfig } from '../../common/runtime';
import { type ParseJob, type ParseOutcome, runParseJob } from './parse-job';
import { parseFailed, parseTimedOut } from './report.errors';
import { runInWorker, type WorkerRun } from './worker-runner';

export const PARSE_TIMEOUT_MS = 30_000;

/** Compiled: parse.worker.js next to this file; under @swc-node/register (npm run dev): the .ts. */
const WORKER_FILE = join(__dirname, 'parse.worker' + extname(__filename));

// Heap of one parse worker: a hostile DOCX or PDF fails the parse, not the API.
const WORKER_HEAP_MB = 512;

/** Reads uploaded bytes into a canonical report, off the API's event loop. */
@Injectable()
export class ReportParsingService {
  /** Jest has no TypeScript hook inside worker threads, so tests parse in their own thread. */
  private readonly inProcess = process.env['JEST_WORKER_ID'] !== undefined;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly logger: PinoLogger,
  ) {
    this.logger.setContext(ReportParsingService.name);
  }

  /** The parsed report, or a 422 (PARSE_<code>, PARSE_TIMEOUT, PARSE_FAILED) in Chinese. */
  async parse(
    bytes: Buffer,
    fileName: string,
    timeoutMs = PARSE_TIMEOUT_MS,
  ): Promise<ParsedReport> {
    const run = await this.run(bytes, fileName, timeoutMs);
    if (run.kind === 'timeout') {
      this.logger.warn({ fileName, size: bytes.length }, 'parse timed out');
      throw parseTimedOut(Math.ceil(timeoutMs / 1000));
    }
    const outcome = run.reply;
    if (outcome.ok) return outcome.parsed;
    if (outcome.failure === 'unreadable') throw parseFailed(outcome.code, outcome.messageZh);
    this.logger.error({ fileName, size: bytes.length, detail: outcome.detail }, 'parser crashed');
    throw parseFailed('FAILED', '文件无法解析，请检查文件是否完整，或改为粘贴报告全文');
  }

  private async run(
    bytes: Buffer,
    fileName: string,
    timeoutMs: number,
  ): Promise<WorkerRun<ParseOutcome>> {
    // A copy the worker can own: the request's Buffer may be a slice of a shared pool.
    const copy = new Uint8Array(bytes);
    const job: ParseJob = { bytes: copy, fileName, maxInputBytes: this.config.uploadLimitBytes };
    if (this.inProcess || readsInMilliseconds(copy, fileName)) {
      return withTimeout(runParseJob(job), timeoutMs);
    }
    try {
      return await runInWorker<ParseOutcome>(
        () =>
          new Worker(WORKER_FILE, { resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } }),
        job,
        [copy.buffer],
        timeoutMs,
      );
    } catch (error) {
      return { kind: 'reply', reply: { ok: false, failure: 'crash', detail: String(error) } };
    }
  }
}

/**
 * Text, Markdown and HTML parse in a few milliseconds without pdfjs: a worker thread would cost
 * more to start than the parse itself. PDF, DOCX and XLSX go to a worker.
 */
function readsInMilliseconds(bytes: Uint8Array, fileName: string): boolean {
  try {
    const format = detectFormat(bytes, fileName);
    return format === 'text' || format === 'markdown' || format === 'html';
  } catch {
    return true; // empty or unrecognised: the parse refuses it at once
  }
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
