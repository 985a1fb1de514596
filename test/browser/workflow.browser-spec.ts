import { generateReport, renderReportText, SeededRandom } from '@atlas/demo-data';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { apiRequest, createAccount, createAgencyWithUploader } from './support/api-fixtures';
import { type AppServer, startAppServer } from './support/app-server';
import { launchChromium } from './support/chromium';
import { apiToken, type Credentials, DEMO_ADMIN, signInThroughPage } from './support/session';

/**
 * The review workflow as an oversight official lives it (issue 14): accepting a report that
 * still has errors asks first and says how many; an accepted report is reopened with a reason;
 * the reason stays on the report, on every version the unit makes, until it is submitted again;
 * the history says who reopened it and why, and which cells a correction changed.
 */

const RESULTS_DIR = join(__dirname, '..', '..', 'test-results');
const AGENCY = { code: 'WF-01', name: '青山县交通运输局' };
const YEAR = 2024;
const CELL = 'applications.newReceived.naturalPerson';
const REOPEN_REASON = '单位来函：表三自然人新收申请数填报有误，需更正后重新报送';
/** The password each new account ends with (new accounts may have to replace the admin's). */
const OWN_PASSWORD = 'workflow-own-password';

interface StoredReport {
  id: string;
  status: string;
  version: number;
  findings: { severity: string }[];
  reviewComment: { action: string; comment: string } | null;
}

interface StoredEvent {
  version: number;
  action: string;
  comment: string | null;
  changes: { address: string; from: number; to: number }[];
}

/** A report the real parser reads, with one cell of table 3 off by 3 (T3.* errors). */
function reportWithErrors(): { text: string; wrong: number; correct: number } {
  const report = generateReport(new SeededRandom(2024_14), {
    year: YEAR,
    activity: 3,
    agencyName: AGENCY.name,
  });
  const correct = report.applications.newReceived.naturalPerson;
  const wrong = correct + 3;
  report.applications.newReceived.naturalPerson = wrong;
  return { text: renderReportText(report), wrong, correct };
}

/** Signs a new account in once through the API and gives it its own password. */
describe('review workflow in Chromium: accept with errors, reopen, correct, resubmit', () => {
  let server: AppServer;
  let browser: Browser;
  let page: Page;
  let adminToken: string;
  let uploaderToken: string;
  let oversight: Credentials;
  let reportId: string;
  const pageErrors: string[] = [];
  const { text, wrong, correct } = reportWithErrors();

  const report = () =>
    apiRequest<StoredReport>(server.baseUrl, adminToken, 'GET', `/reports/${reportId}`);
  const history = () =>
    apiRequest<StoredEvent[]>(server.baseUrl, adminToken, 'GET', `/reports/${reportId}/history`);
  const statusText = () => page.getByTestId('report-status').first().innerText();

  beforeAll(async () => {
    await mkdir(RESULTS_DIR, { recursive: true });
    server = await startAppServer();
    adminToken = await apiToken(server.baseUrl, DEMO_ADMIN);
    // Both accounts have set their own password, as at their first sign-in.
    const uploader = { username: 'jiaotong', password: OWN_PASSWORD, displayName: '交通局填报员' };
    const { agencyId } = await createAgencyWithUploader(server.baseUrl, adminToken, AGENCY, uploader);
    oversight = { username: 'jiandu', password: OWN_PASSWORD };
    await createAccount(server.baseUrl, adminToken, {
      ...oversight,
      displayName: '监督员甲',
      role: 'oversight',
      scopeAgencyIds: [agencyId],
    });
    uploaderToken = await apiToken(server.baseUrl, uploader);

    // The unit uploads and submits a report that still has errors.
    const stored = await apiRequest<{ id: string; findings: { severity: string }[] }>(
      server.baseUrl,
      uploaderToken,
      'POST',
      '/reports',
      { agencyId, year: YEAR, text, fileName: 'report.txt' },
    );
    reportId = stored.id;
    await apiRequest(server.baseUrl, uploaderToken, 'POST', `/reports/${reportId}/submit`);

    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error' && !/status of 4\d\d/.test(message.text())) {
        pageErrors.push(message.text());
      }
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('warns the official about the open errors before accepting, then accepts', async () => {
    const before = await report();
    const errors = before.findings.filter((finding) => finding.severity === 'error').length;
    expect(before.status).toBe('submitted');
    expect(errors).toBeGreaterThan(0);

    await signInThroughPage(page, server.baseUrl, oversight, `/reports/${reportId}`);
    await page.getByTestId('report-summary').waitFor();
    await page.getByTestId('action-accept').click();
    const box = page.locator('.el-message-box');
    await box.waitFor();
    await expect(box.innerText()).resolves.toContain(
      `本报告仍有 ${errors} 项错误未解决。确定仍要接收吗？`,
    );
    await page.screenshot({ path: join(RESULTS_DIR, 'workflow-accept-errors.png') });
    await box.getByRole('button', { name: '确定' }).click();
    await page.waitForFunction(
      () =>
        document.querySelector('[data-testid="report-status"]')?.textContent?.trim() === '已接收',
    );
    expect((await report()).status).toBe('accepted');
  });

  it('reopens the accepted report with a required reason', async () => {
    await page.getByTestId('action-reopen').click();
    const box = page.locator('.el-message-box');
    await box.waitFor();
    await box.getByRole('button', { name: '确定' }).click();
    await box.getByText('请填写重新打开的原因').last().waitFor();
    expect((await report()).status).toBe('accepted');

    await box.locator('textarea').fill(REOPEN_REASON);
    await box.getByRole('button', { name: '确定' }).click();
    await box.waitFor({ state: 'hidden' });
    await page.waitForFunction(
      () =>
        document.querySelector('[data-testid="report-status"]')?.textContent?.trim() === '已退回',
    );
    await expect(page.getByTestId('returned-alert').innerText()).resolves.toContain(
      `报告已被重新打开：${REOPEN_REASON}`,
    );
    await expect(page.getByTestId('action-reopen').count()).resolves.toBe(0);
    await page.screenshot({ path: join(RESULTS_DIR, 'workflow-reopened.png') });

    const stored = await report();
    expect(stored).toMatchObject({
      status: 'returned',
      reviewComment: { action: 'reopen', comment: REOPEN_REASON },
    });
    expect((await history()).at(-1)).toMatchObject({ action: 'reopen', comment: REOPEN_REASON });
  });

  it('keeps the reason on the new version the unit corrects, and the history says what changed', async () => {
    await apiRequest(server.baseUrl, uploaderToken, 'PATCH', `/reports/${reportId}/cells`, {
      reason: '按重新打开的原因更正',
      changes: [{ address: CELL, value: correct }],
    });
    expect(await report()).toMatchObject({ status: 'draft', version: 2 });

    await page.reload();
    await page.getByTestId('report-summary').waitFor();
    await expect(statusText()).resolves.toBe('草稿');
    await expect(page.getByTestId('returned-alert').innerText()).resolves.toContain(
      `报告已被重新打开：${REOPEN_REASON}`,
    );

    await page.getByRole('tab', { name: '流程记录' }).click();
    const steps = page.getByTestId('report-history').locator('.el-timeline-item');
    await expect(steps.count()).resolves.toBe(5);
    const reopened = await steps.nth(3).innerText();
    expect(reopened).toContain('监督员甲 重新打开了第 1 版');
    expect(reopened).toContain(`原因：${REOPEN_REASON}`);
    const corrected = await steps.nth(4).innerText();
    expect(corrected).toContain('更正了第 2 版');
    expect(corrected).toContain(`更正 表三 新收 · 自然人 ${wrong} → ${correct}`);
    await page.screenshot({ path: join(RESULTS_DIR, 'workflow-history.png'), fullPage: true });
  });

  it('drops the banner once the unit submits again', async () => {
    await apiRequest(server.baseUrl, uploaderToken, 'POST', `/reports/${reportId}/submit`);
    await page.reload();
    await page.getByTestId('report-summary').waitFor();
    await expect(statusText()).resolves.toBe('已报送');
    await expect(page.getByTestId('returned-alert').count()).resolves.toBe(0);
    expect((await report()).reviewComment).toBeNull();
  });

  it('logged no errors in the browser console', () => {
    expect(pageErrors).toEqual([]);
  });
});
