import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Documents converted the way a clerk's LibreOffice does it: `soffice --headless --convert-to`,
 * many files per call (starting LibreOffice costs seconds, a file a fraction of one), each call
 * with a profile of its own so that parallel calls (Jest workers, the bench) do not clash, in a
 * temporary folder that is removed afterwards.
 */

/** Export filters: what "Export as PDF", "Save as Word 2007-365" and "Save as HTML" use. */
export const LIBREOFFICE_FILTERS = {
  pdf: { extension: 'pdf', filter: 'pdf:writer_pdf_Export' },
  docx: { extension: 'docx', filter: 'docx:MS Word 2007 XML' },
  // HTML (StarWriter) is Writer's File > Save As > HTML Document; XHTML is an export filter.
  html: { extension: 'html', filter: 'html:HTML (StarWriter)' },
} as const;

export type LibreOfficeTarget = keyof typeof LIBREOFFICE_FILTERS;

export const SOFFICE = process.env['ATLAS_SOFFICE'] ?? 'soffice';

let available: boolean | undefined;

/** Whether `soffice` runs on this machine (checked once). */
export function hasLibreOffice(): boolean {
  available ??= spawnSync(SOFFICE, ['--version'], { timeout: 30_000 }).status === 0;
  return available;
}

export interface ConversionInput {
  /** A file name unique within the call, with its extension (.docx). */
  name: string;
  bytes: Uint8Array;
}

/** Runs soffice, killing its process group when it takes longer than `timeoutMs`. */
function runSoffice(args: string[], timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(SOFFICE, args, {
      stdio: ['ignore', 'ignore', 'pipe'],
      detached: true,
      env: { ...process.env, SAL_USE_VCLPLUGIN: 'svp' },
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      reject(new Error(`soffice took longer than ${timeoutMs} ms`));
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`soffice exited with ${code}: ${stderr.slice(-500)}`));
    });
  });
}

/**
 * Converts every input with one soffice call; the result maps each input name to the
 * converted bytes (inputs LibreOffice could not convert are missing).
 */
export async function convertWithLibreOffice(
  inputs: readonly ConversionInput[],
  target: LibreOfficeTarget,
): Promise<Map<string, Uint8Array>> {
  const converted = new Map<string, Uint8Array>();
  if (inputs.length === 0) return converted;
  const work = await mkdtemp(join(tmpdir(), 'atlas-soffice-'));
  try {
    const inDir = join(work, 'in');
    const outDir = join(work, 'out');
    await mkdir(inDir);
    await mkdir(outDir);
    await Promise.all(inputs.map((input) => writeFile(join(inDir, input.name), input.bytes)));
    const { extension, filter } = LIBREOFFICE_FILTERS[target];
    await runSoffice(
      [
        `-env:UserInstallation=${pathToFileURL(join(work, 'profile')).href}`,
        '--headless',
        '--norestore',
        '--nolockcheck',
        '--convert-to',
        filter,
        '--outdir',
        outDir,
        ...inputs.map((input) => join(inDir, input.name)),
      ],
      60_000 + 3_000 * inputs.length,
    );
    for (const input of inputs) {
      const output = `${input.name.replace(/\.[^.]+$/, '')}.${extension}`;
      try {
        converted.set(input.name, new Uint8Array(await readFile(join(outDir, output))));
      } catch {
        // Not converted: the caller reports the document as not rendered.
      }
    }
    return converted;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
