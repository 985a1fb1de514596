import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ParseError, parseReport } from '@atlas/report-parser';
import {
  createRenderTools,
  failureExamples,
  hasChromium,
  hasLibreOffice,
  PATH_TOOLS,
  provenUndecided,
  renderSamples,
  reprintSample,
  scoreParse,
  summarizeScores,
  truthOfCorpus,
  truthOfGenerated,
  withUndecided,
  type CorpusExpected,
  type FailureExample,
  type ParseOutcome,
  type PathSummary,
  type RenderFailure,
  type RenderTools,
  type SampleDocument,
  type SamplePath,
  type ScoredDocument,
  type Truth,
} from '@atlas/report-samples';

/**
 * Accuracy of parseReport on documents made by the tools agencies use (report-samples' rendering
 * paths) and on the hand-checked corpus: every cell compared with the truth, findings compared
 * with the findings the truth produces.
 */

export const ACCURACY_TARGETS = { rightPercent: 99.9, falseAlarms: 0, missedDefects: 0 } as const;

/** Failures listed per path in the results, enough to reproduce and look at. */
const EXAMPLES_PER_PATH = 10;
/** Documents rendered at a time (bounds memory; LibreOffice still gets whole batches). */
const RENDER_CHUNK = 100;

export interface AccuracyOptions {
  paths: readonly SamplePath[];
  count: number;
  seed: number;
  corpusDir: string;
  keepDir?: string;
  /** Progress lines. */
  log?: (line: string) => void;
}

export interface AccuracyRow {
  path: string;
  summary: PathSummary;
  renderFailures: RenderFailure[];
  failures: FailureExample[];
  /** Why the path was not run (a tool missing). */
  skipped?: string;
}

/** parseReport's result, or what it threw: a ParseError is a refusal, anything else a bug. */
export async function parseOutcome(
  bytes: Uint8Array,
  fileName: string,
): Promise<{ outcome: ParseOutcome; ms: number }> {
  const start = performance.now();
  try {
    const { report } = await parseReport(bytes, { fileName });
    return { outcome: { kind: 'parsed', report }, ms: performance.now() - start };
  } catch (error) {
    const ms = performance.now() - start;
    if (error instanceof ParseError)
      return { outcome: { kind: 'parse-error', message: error.message }, ms };
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return { outcome: { kind: 'internal-error', message }, ms };
  }
}

function missingTool(path: SamplePath): string | undefined {
  const tools = PATH_TOOLS[path];
  if (tools.includes('soffice') && !hasLibreOffice()) return 'soffice not found';
  if (tools.includes('chromium') && !hasChromium()) return 'chromium not found';
  return undefined;
}

function firstFailures(documents: readonly ScoredDocument[]): FailureExample[] {
  const examples: FailureExample[] = [];
  for (const document of documents) {
    // One document contributes at most three lines, so the list shows several documents.
    examples.push(...failureExamples(document).slice(0, 3));
    if (examples.length >= EXAMPLES_PER_PATH) break;
  }
  return examples.slice(0, EXAMPLES_PER_PATH);
}

async function keepSample(dir: string, document: SampleDocument, truth: Truth): Promise<string> {
  const folder = join(dir, document.path);
  await mkdir(folder, { recursive: true });
  const file = join(folder, document.fileName);
  await writeFile(file, document.bytes);
  const facts = {
    name: document.generated.name,
    ...document.generated.facts,
    variant: document.variant,
  };
  await writeFile(`${file}.truth.json`, `${JSON.stringify({ ...facts, truth }, null, 2)}\n`);
  return file;
}

/**
 * The truth of a generated document, less what the document is proven not to decide: cells
 * and planted defects on which a second report, no less consistent, prints the same bytes.
 */
async function decidedTruth(
  document: SampleDocument,
  outcome: ParseOutcome,
  tools: RenderTools,
): Promise<Truth> {
  const truth = truthOfGenerated(document.generated);
  const undecided = await provenUndecided(document.generated, truth, document.bytes, outcome, (witness) =>
    reprintSample(document.path, document.seed, witness, tools),
  );
  return withUndecided(truth, undecided);
}

async function benchPath(
  path: SamplePath,
  options: AccuracyOptions,
  tools: RenderTools,
): Promise<AccuracyRow> {
  const skipped = missingTool(path);
  if (skipped)
    return { path, summary: summarizeScores([]), renderFailures: [], failures: [], skipped };
  const scored: ScoredDocument[] = [];
  const renderFailures: RenderFailure[] = [];
  for (let offset = 0; offset < options.count; offset += RENDER_CHUNK) {
    const seeds = Array.from(
      { length: Math.min(RENDER_CHUNK, options.count - offset) },
      (_, i) => options.seed + offset + i,
    );
    const { documents, failures } = await renderSamples(path, seeds, tools);
    renderFailures.push(...failures);
    for (const document of documents) {
      const { outcome, ms } = await parseOutcome(document.bytes, document.fileName);
      const truth = await decidedTruth(document, outcome, tools);
      const file = options.keepDir ? await keepSample(options.keepDir, document, truth) : undefined;
      scored.push({
        id: `seed ${document.seed}`,
        ...(file ? { file } : {}),
        score: scoreParse(truth, outcome),
        parseMs: ms,
      });
    }
    options.log?.(`${path}: ${scored.length}/${options.count}`);
  }
  return {
    path,
    summary: summarizeScores(scored),
    renderFailures,
    failures: firstFailures(scored),
  };
}

/** Every folder of the corpus with its expected.json, parsed and scored. */
async function benchCorpus(corpusDir: string): Promise<AccuracyRow> {
  const folders = existsSync(corpusDir)
    ? readdirSync(corpusDir)
        .filter((name) => existsSync(join(corpusDir, name, 'expected.json')))
        .sort()
    : [];
  const scored: ScoredDocument[] = [];
  for (const folder of folders) {
    const expected = JSON.parse(
      readFileSync(join(corpusDir, folder, 'expected.json'), 'utf8'),
    ) as CorpusExpected;
    const file = join(corpusDir, folder, expected.source);
    const { outcome, ms } = await parseOutcome(new Uint8Array(readFileSync(file)), expected.source);
    scored.push({
      id: folder,
      file,
      score: scoreParse(truthOfCorpus(expected), outcome),
      parseMs: ms,
    });
  }
  return {
    path: 'corpus',
    summary: summarizeScores(scored),
    renderFailures: [],
    failures: firstFailures(scored),
  };
}

/** The official 2021 template in the corpus, if there. */
function readTemplate(corpusDir: string): Uint8Array | null {
  const file = join(corpusDir, 'template-2021', 'source.docx');
  return existsSync(file) ? new Uint8Array(readFileSync(file)) : null;
}

export async function benchAccuracy(
  options: AccuracyOptions,
): Promise<{ rows: AccuracyRow[]; durationSeconds: number }> {
  const start = performance.now();
  const template = readTemplate(options.corpusDir);
  if (!template)
    options.log?.(`no template-2021 in ${options.corpusDir}: DOCX built for every report`);
  const rows: AccuracyRow[] = [];
  // One set of tools for every path: one browser, and each seed's DOCX made once.
  const tools = createRenderTools({ template });
  try {
    for (const path of options.paths) rows.push(await benchPath(path, options, tools));
  } finally {
    await tools.close();
  }
  rows.push(await benchCorpus(options.corpusDir));
  return { rows, durationSeconds: Math.round((performance.now() - start) / 100) / 10 };
}

/** Whether a path meets the targets. */
export function meetsTargets(summary: PathSummary): boolean {
  return (
    summary.rightPercent >= ACCURACY_TARGETS.rightPercent &&
    summary.falseAlarms <= ACCURACY_TARGETS.falseAlarms &&
    summary.missedDefects <= ACCURACY_TARGETS.missedDefects
  );
}
