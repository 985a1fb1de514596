import { ParseError, type ParsedReport, parseReport } from '@atlas/report-parser';
import { composePreview, type PreviewContext } from './report-preview';

/** What the API asks of a parse, in a worker thread or (under Jest) in-process. */
export interface ParseJob {
  readonly bytes: Uint8Array;
  readonly fileName: string;
  readonly maxInputBytes: number;
  /**
   * Asked for a preview: the answer is composed and serialised here, and only its UTF-8 bytes go
   * back (see ParseOutcome).
   */
  readonly preview?: PreviewContext;
}

/** Plain data only: it crosses the thread boundary by structured clone. */
export type ParseOutcome =
  | { readonly ok: true; readonly parsed: ParsedReport }
  /** A preview's answer as JSON in UTF-8, its buffer transferred to the API's thread. */
  | { readonly ok: true; readonly previewJson: Uint8Array }
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
    if (!job.preview) return { ok: true, parsed };
    // A report of many megabytes is mostly its text: as a string, the API's thread would spend
    // one turn each receiving it (structured clone), serialising it and encoding it — each long
    // enough to stall every other request. As bytes in a transferred buffer it costs nothing.
    const json = JSON.stringify(composePreview(parsed, job.preview));
    return { ok: true, previewJson: new TextEncoder().encode(json) };
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

/** Buffers a reply can hand over instead of copying: a preview's answer. */
export function transferablesOf(reply: ParseReply): ArrayBuffer[] {
  const outcome = reply.outcome;
  return outcome.ok && 'previewJson' in outcome && outcome.previewJson.buffer instanceof ArrayBuffer
    ? [outcome.previewJson.buffer]
    : [];
}
