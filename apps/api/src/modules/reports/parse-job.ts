import { ParseError, type ParsedReport, parseReport } from '@atlas/report-parser';

/** What the API asks of a parse, in a worker thread or (under Jest) in-process. */
export interface ParseJob {
  readonly bytes: Uint8Array;
  readonly fileName: string;
  readonly maxInputBytes: number;
}

/** Plain data only: it crosses the thread boundary by structured clone. */
export type ParseOutcome =
  | { readonly ok: true; readonly parsed: ParsedReport }
  | {
      readonly ok: false;
      readonly failure: 'unreadable';
      readonly code: string;
      readonly messageZh: string;
    }
  | { readonly ok: false; readonly failure: 'crash'; readonly detail: string };

/** What a parse thread sends back: the outcome, and which thread it ran on (0: the API's own). */
export interface ParseReply {
  readonly threadId: number;
  readonly outcome: ParseOutcome;
}

/** Never throws: a file that is not a report is an answer, a parser bug is reported as a crash. */
export async function runParseJob(job: ParseJob): Promise<ParseOutcome> {
  try {
    // Bytes shared with the API's thread are copied here, in this thread: the readers (pdfjs,
    // the zip reader) may hand their input on or detach it, which shared memory cannot allow.
    const bytes =
      job.bytes.buffer instanceof SharedArrayBuffer ? new Uint8Array(job.bytes) : job.bytes;
    const parsed = await parseReport(bytes, {
      fileName: job.fileName,
      limits: { maxInputBytes: job.maxInputBytes },
    });
    return { ok: true, parsed };
  } catch (error) {
    if (error instanceof ParseError) {
      return { ok: false, failure: 'unreadable', code: error.code, messageZh: error.messageZh };
    }
    return {
      ok: false,
      failure: 'crash',
      detail: error instanceof Error ? (error.stack ?? error.message) : String(error),
    };
  }
}
