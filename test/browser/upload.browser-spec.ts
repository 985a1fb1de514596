import { generateReport, SeededRandom } from '@atlas/demo-data';
import type { CanonicalReport } from '@atlas/report-model';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { apiRequest, createAgencyWithUploader } from './support/api-fixtures';
import { type AppServer, startAppServer } from './support/app-server';
import { launchChromium } from './support/chromium';
import { reportDocx } from './support/report-docx';
import { apiToken, chooseSelectOption, DEMO_ADMIN, signInThroughPage } from './support/session';

const RESULTS_DIR = join(__dirname, '..', '..', 'test-results');
const AGENCY = { code: 'QS-D11', name: '青山县自然资源局' };
const UPLOADER = {
  username: 'ziranziyuan',
  password: 'atlas-demo',
  displayName: '自然资源局填报员',
};
const YEAR = 2024;
/** The cell the test breaks in the document and then corrects in the browser. */
const CELL = 'applications.newReceived.naturalPerson';
const REASON = '与原件核对，表三自然人新收申请数录入有误';

interface StoredVersion {
  provenance: Record<
    string,
    { source: { table?: number; row?: number; column?: number }; raw: string }
  >;
}

interface StoredReport {
  id: string;
  status: string;
  version: number;
  report: CanonicalReport;
  findings: { rule: string; cells: string[] }[];
}

/** A consistent report of the agency (the demo model), then one cell of table 3 made wrong. */
function brokenReport(): { report: CanonicalReport; correct: number; wrong: number } {
  const report = generateReport(new SeededRandom(2024_11), {
    year: YEAR,
    activity: 4,
    agencyName: AGENCY.name,
  });
  const correct = report.applications.newReceived.naturalPerson;
  const wrong = correct + 3;
  report.applications.newReceived.naturalPerson = wrong;
  return { report, correct, wrong };
}

/** The text box of an Element Plus input, whichever element its data-testid landed on. */
function textBox(scope: Page | Locator, testId: string): Locator {
  return scope
    .locator(
      `input[data-testid="${testId}"], textarea[data-testid="${testId}"], [data-testid="${testId}"] input, [data-testid="${testId}"] textarea`,
    )
    .first();
}

describe('upload, check, correct and submit a report in Chromium', () => {
  let server: AppServer;
  let browser: Browser;
  let page: Page;
  let adminToken: string;
  let agencyId: string;
  const pageErrors: string[] = [];
  const { report, correct, wrong } = brokenReport();
  const docx = Buffer.from(reportDocx(report));
  const file = {
    name: `${AGENCY.name}${YEAR}年政府信息公开工作年度报告.docx`,
    mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    buffer: docx,
  };

  beforeAll(async () => {
    await mkdir(RESULTS_DIR, { recursive: true });
    await writeFile(join(RESULTS_DIR, 'upload-report.docx'), docx);
    server = await startAppServer();
    adminToken = await apiToken(server.baseUrl, DEMO_ADMIN);
    ({ agencyId } = await createAgencyWithUploader(server.baseUrl, adminToken, AGENCY, UPLOADER));
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      // A refused upload answers 4xx on purpose; Chromium logs every failed request.
      if (message.type() === 'error' && !/status of 4\d\d/.test(message.text())) {
        pageErrors.push(message.text());
      }
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('signs the uploader in and opens the upload page with the own agency fixed', async () => {
    await signInThroughPage(page, server.baseUrl, UPLOADER, '/upload');
    await page.waitForURL('**/upload');
    await page.getByTestId('upload-form').waitFor();

    const agency = textBox(page, 'upload-agency');
    await page.waitForFunction(
      (name) =>
        [
          ...document.querySelectorAll<HTMLInputElement>(
            '[data-testid="upload-agency"], [data-testid="upload-agency"] input',
          ),
        ].some((input) => input.value === name),
      AGENCY.name,
    );
    await expect(agency.isDisabled()).resolves.toBe(true);
  });

  it('refuses the file for the wrong year, in Chinese, and stores nothing', async () => {
    await chooseSelectOption(page, page.getByTestId('upload-year'), String(YEAR - 1));
    await page.getByTestId('upload-drop').locator('input[type=file]').setInputFiles(file);
    await expect(page.getByTestId('chosen-file').innerText()).resolves.toContain(file.name);
    await page.getByTestId('upload-submit').click();

    const problem = page.getByTestId('upload-problem');
    await problem.waitFor();
    await expect(problem.getAttribute('data-code')).resolves.toBe('YEAR_MISMATCH');
    const text = await problem.innerText();
    expect(text).toContain('年度不符');
    expect(text).toContain(`${YEAR} 年度`);
    await page.screenshot({ path: join(RESULTS_DIR, 'upload-wrong-year.png') });

    const page1 = await apiRequest<{ total: number }>(
      server.baseUrl,
      adminToken,
      'GET',
      `/reports?agencyId=${agencyId}`,
    );
    expect(page1.total).toBe(0);
  });

  it('uploads the DOCX and shows the broken cell highlighted with its findings explained', async () => {
    await chooseSelectOption(page, page.getByTestId('upload-year'), String(YEAR));
    await page.getByTestId('upload-submit').click();
    await page.getByTestId('report-tables').waitFor({ timeout: 60_000 });
    await expect(page.getByTestId('upload-uploaded').innerText()).resolves.toContain('第 1 版');

    const cell = page.locator(`td[data-address="${CELL}"]`);
    await expect(cell.getAttribute('class')).resolves.toContain('is-error');
    await expect(cell.innerText()).resolves.toBe(String(wrong));
    const rules = await page
      .getByTestId('finding')
      .evaluateAll((items) => items.map((item) => item.getAttribute('data-rule')));
    expect(rules).toEqual(expect.arrayContaining(['T3.BALANCE', 'T3.ROWSUM']));

    await cell.scrollIntoViewIfNeeded();
    await cell.locator('.report-cell__value').hover();
    const explanation = page.getByTestId('cell-explanation').filter({ visible: true });
    await explanation.waitFor();
    const explained = await explanation.innerText();
    expect(explained).toContain('表三 新收 · 自然人');
    expect(explained).toContain('表三收支平衡');
    expect(explained).toContain(`新收 ${wrong}`);
    await page.screenshot({ path: join(RESULTS_DIR, 'upload-finding.png') });
  });

  it('shows where a clicked cell of table 3 was read: the text printed for it and its place', async () => {
    const list = await apiRequest<{ items: { id: string }[] }>(
      server.baseUrl,
      adminToken,
      'GET',
      `/reports?agencyId=${agencyId}&year=${YEAR}`,
    );
    const stored = await apiRequest<StoredVersion>(
      server.baseUrl,
      adminToken,
      'GET',
      `/reports/${list.items[0]?.id ?? ''}/versions/1`,
    );
    // The DOCX prints the value in a cell of its own: a Word table, a row, a column.
    const source = stored.provenance[CELL];
    expect(source?.raw).toBe(String(wrong));
    const { table, row, column } = source?.source ?? {};
    expect([table, row, column]).toEqual([
      expect.any(Number),
      expect.any(Number),
      expect.any(Number),
    ]);

    await page.locator(`td[data-address="${CELL}"]`).click();
    const dialog = page.locator('.el-dialog', { has: page.getByTestId('cell-dialog-source') });
    await dialog.waitFor();
    await expect(dialog.getByTestId('cell-dialog-label').innerText()).resolves.toBe(
      '表三 新收 · 自然人',
    );
    await expect(dialog.getByTestId('cell-dialog-raw').innerText()).resolves.toBe(`“${wrong}”`);
    const location = await dialog.getByTestId('cell-dialog-location').innerText();
    expect(location).toContain(`第 ${table} 个表格`);
    expect(location).toContain(`第 ${row} 行`);
    expect(location).toContain(`第 ${column} 列`);
    await expect(dialog.getByTestId('cell-dialog-method').innerText()).resolves.toBe(
      '从原文对应的单元格读出',
    );
    // Let the dialog finish fading in, for a readable screenshot (polled: a promise held across
    // Vue's transition can be aborted when the page re-renders).
    await page.waitForFunction(() => document.querySelector('[class*="-enter-active"]') === null);
    await page.screenshot({ path: join(RESULTS_DIR, 'upload-cell-source.png') });
    await dialog.getByRole('button', { name: '取消' }).click();
    await dialog.waitFor({ state: 'hidden' });
  });

  it('corrects the cell with a required reason, and the findings go away', async () => {
    await page.locator(`td[data-address="${CELL}"]`).click();
    const dialog = page.locator('.el-dialog', { has: page.getByTestId('cell-dialog-label') });
    await dialog.waitFor();
    await expect(dialog.getByTestId('cell-dialog-label').innerText()).resolves.toBe(
      '表三 新收 · 自然人',
    );
    await expect(dialog.getByTestId('cell-dialog-finding').count()).resolves.toBeGreaterThanOrEqual(
      2,
    );

    await textBox(dialog, 'correction-value').fill(String(correct));
    await textBox(dialog, 'correction-value').press('Tab');
    await dialog.getByTestId('correction-save').click();
    await dialog.getByText('请填写更正原因').waitFor();

    await expect(dialog.getByTestId('correction-preview').innerText()).resolves.toContain(
      '涉及此单元格的检查将全部通过',
    );
    await textBox(dialog, 'correction-reason').fill(REASON);
    await page.screenshot({ path: join(RESULTS_DIR, 'upload-correction.png') });
    await dialog.getByTestId('correction-save').click();
    await dialog.waitFor({ state: 'hidden' });

    const cell = page.locator(`td[data-address="${CELL}"]`);
    await page.waitForFunction(
      (address) =>
        !document.querySelector(`td[data-address="${address}"]`)?.classList.contains('is-error'),
      CELL,
    );
    await expect(cell.innerText()).resolves.toBe(String(correct));
    await expect(cell.getAttribute('class')).resolves.toContain('is-corrected');
    await page.getByTestId('findings-passed').waitFor();
    await page.screenshot({ path: join(RESULTS_DIR, 'upload-corrected.png') });
    await page.evaluate(() => document.querySelector('.app-main')?.scrollTo(0, 0));
    await page.screenshot({ path: join(RESULTS_DIR, 'upload-review.png') });
  });

  it('submits after confirmation', async () => {
    await page.getByTestId('upload-report-submit').click();
    const box = page.locator('.el-message-box');
    await box.waitFor();
    await expect(box.innerText()).resolves.toContain(`${AGENCY.name} ${YEAR} 年度报告`);
    await box.getByRole('button', { name: '确定' }).click();
    const done = page.getByTestId('upload-done');
    await done.waitFor();
    await expect(done.innerText()).resolves.toContain('报送成功');
    await page.screenshot({ path: join(RESULTS_DIR, 'upload-submitted.png') });
  });

  it('stored the corrected value, the reason and the submitted status', async () => {
    const list = await apiRequest<{ items: { id: string }[] }>(
      server.baseUrl,
      adminToken,
      'GET',
      `/reports?agencyId=${agencyId}&year=${YEAR}`,
    );
    expect(list.items).toHaveLength(1);
    const id = list.items[0]?.id ?? '';
    const stored = await apiRequest<StoredReport>(
      server.baseUrl,
      adminToken,
      'GET',
      `/reports/${id}`,
    );
    expect(stored.status).toBe('submitted');
    expect(stored.version).toBe(1);
    expect(stored.report.applications.newReceived.naturalPerson).toBe(correct);
    // The corrected tables break no rule; the 2024 report is filed long after 31 January 2025.
    expect(stored.findings.map((finding) => finding.rule)).toEqual(['D.LATE']);

    const version = await apiRequest<{
      corrections: { address: string; from: number; to: number; reason: string }[];
    }>(server.baseUrl, adminToken, 'GET', `/reports/${id}/versions/1`);
    expect(version.corrections).toEqual([
      expect.objectContaining({ address: CELL, from: wrong, to: correct, reason: REASON }),
    ]);
  });

  it('refuses the same file again as a duplicate and links to the stored report', async () => {
    await page.getByRole('button', { name: '继续上传' }).click();
    await chooseSelectOption(page, page.getByTestId('upload-year'), String(YEAR));
    await page.getByTestId('upload-drop').locator('input[type=file]').setInputFiles(file);
    await page.getByTestId('upload-submit').click();
    const problem = page.getByTestId('upload-problem');
    await problem.waitFor();
    await expect(problem.getAttribute('data-code')).resolves.toBe('REPORT_DUPLICATE');
    await expect(problem.innerText()).resolves.toContain('重复上传');
    await problem.getByRole('link', { name: '查看已有报告' }).click();
    await page.waitForURL('**/reports/*');
    await page.getByTestId('report-summary').waitFor();
    await expect(page.getByTestId('report-status').first().innerText()).resolves.toBe('已报送');
    // Submitted: nothing left for the uploader to do, and reviewing is not an uploader's.
    for (const action of ['action-submit', 'action-accept', 'action-return']) {
      await expect(page.getByTestId(action).count()).resolves.toBe(0);
    }
    await page.screenshot({ path: join(RESULTS_DIR, 'upload-report-detail.png') });
  });

  it('logged no errors in the browser console', () => {
    expect(pageErrors).toEqual([]);
  });
});
