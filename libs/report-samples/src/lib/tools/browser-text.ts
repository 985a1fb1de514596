import { accessSync, constants } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';

/**
 * The text a person gets by opening a page in Chromium and copying everything (Ctrl+A, Ctrl+C):
 * the page is loaded from a file (so Chromium decodes it by its own <meta charset>), the body is
 * selected and the selection's text taken. One browser serves many pages; the system Chromium is
 * used, never a downloaded one.
 */

export const CHROMIUM = process.env['ATLAS_CHROMIUM'] ?? '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export function hasChromium(): boolean {
  try {
    accessSync(CHROMIUM, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Ctrl+A, Ctrl+C: the body selected, the selection's text. */
const SELECT_ALL_AND_COPY = `(() => {
  const selection = window.getSelection();
  if (!selection) return '';
  selection.selectAllChildren(document.body);
  return selection.toString();
})()`;

export class BrowserTextCopier {
  private constructor(
    private readonly browser: Browser,
    private readonly folder: string,
  ) {}

  static async launch(): Promise<BrowserTextCopier> {
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
    });
    return new BrowserTextCopier(browser, await mkdtemp(join(tmpdir(), 'atlas-browser-')));
  }

  private pages = 0;

  /** Tabs not in use: opening a tab per document costs more than loading the document. */
  private readonly idle: Page[] = [];

  /** Opens the page and returns what select-all and copy would put on the clipboard. */
  async copyAll(html: Uint8Array): Promise<string> {
    const file = join(this.folder, `page-${++this.pages}.html`);
    await writeFile(file, html);
    const page = this.idle.pop() ?? (await this.browser.newPage());
    try {
      await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
      // A string, so that this Node library needs no DOM types.
      const text = await page.evaluate(SELECT_ALL_AND_COPY);
      return typeof text === 'string' ? text : '';
    } finally {
      this.idle.push(page);
      await rm(file, { force: true });
    }
  }

  async close(): Promise<void> {
    await this.browser.close();
    await rm(this.folder, { recursive: true, force: true });
  }
}
