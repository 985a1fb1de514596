import { availableParallelism } from 'node:os';
import { BrowserTextCopier } from './browser-text';
import {
  convertWithLibreOffice,
  type ConversionInput,
  type LibreOfficeTarget,
} from './libreoffice';

/**
 * The external programs a rendering path may use, shared by every document of a run: LibreOffice
 * conversions go in batches (several soffice calls side by side, one per core), and one browser
 * is started on first use and closed with `close()`.
 */
export interface RenderTools {
  /** The official 2021 template (corpus template-2021), when available. */
  readonly template: Uint8Array | null;
  /** Converted bytes by input name; an input name converted before is not converted again. */
  convert(
    inputs: readonly ConversionInput[],
    target: LibreOfficeTarget,
  ): Promise<Map<string, Uint8Array>>;
  browser(): Promise<BrowserTextCopier>;
  /**
   * A value made once per run: the agency's DOCX of a seed serves every path that starts from
   * it (docx-template, the LibreOffice conversions, the text copied from LibreOffice's HTML).
   */
  once<T>(key: string, make: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface RenderToolOptions {
  template: Uint8Array | null;
  /** Files per soffice call. */
  batchSize?: number;
  /** soffice calls at a time (default: the number of cores, at most 4). */
  parallel?: number;
}

/** Runs `work` on every item, at most `limit` at a time, keeping the order of the results. */
export async function mapLimited<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}

export function createRenderTools(options: RenderToolOptions): RenderTools {
  const batchSize = options.batchSize ?? 40;
  const parallel = options.parallel ?? Math.min(4, availableParallelism());
  let browser: Promise<BrowserTextCopier> | undefined;
  const made = new Map<string, Promise<unknown>>();
  // Conversions by target and input name: a name stands for the same bytes within one run.
  const converted = new Map<string, Uint8Array | null>();
  return {
    template: options.template,
    async convert(inputs, target) {
      const key = (input: ConversionInput) => `${target}:${input.name}`;
      const missing = inputs.filter((input) => !converted.has(key(input)));
      const batches: ConversionInput[][] = [];
      for (let i = 0; i < missing.length; i += batchSize)
        batches.push(missing.slice(i, i + batchSize));
      const results = await mapLimited(batches, parallel, (batch) =>
        convertWithLibreOffice(batch, target),
      );
      for (const input of missing) {
        const bytes = results.find((result) => result.has(input.name))?.get(input.name);
        converted.set(key(input), bytes ?? null);
      }
      return new Map(
        inputs.flatMap((input) => {
          const bytes = converted.get(key(input));
          return bytes ? [[input.name, bytes] as const] : [];
        }),
      );
    },
    browser() {
      browser ??= BrowserTextCopier.launch();
      return browser;
    },
    once<T>(key: string, make: () => Promise<T>): Promise<T> {
      let value = made.get(key) as Promise<T> | undefined;
      if (!value) {
        value = make();
        made.set(key, value);
      }
      return value;
    },
    async close() {
      made.clear();
      converted.clear();
      if (browser) await (await browser).close();
      browser = undefined;
    },
  };
}
