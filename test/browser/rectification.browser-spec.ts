import { generateReport, renderReportText, SeededRandom } from '@atlas/demo-data';
import { strFromU8, unzipSync } from 'fflate';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { apiRequest, createAccount, createAgencyWithUploader } from './support/api-fixtures';
import { type AppServer, startAppServer } from './support/app-server';
import { launchChromium } from './support/chromium';
import { apiToken, type Credentials, DEMO_ADMIN, signInThroughPage } from './support/session';

/**
 * Rectification as an office and an agency live it (issue 17): the official selects two
 * findings of a submitted report and sends a 整改通知 with a due date; the clerk sees it on the
 * to-do, corrects the wrong cell (a new version, submitted) and explains the other finding; the
 * official accepts the explanation; the notice closes, the 整改台账 says so, and the 通报 the
 * official then downloads for the region and year lists it among the rectified notices.
 */

const RESULTS_DIR = join(__dirname, '..', '..', 'test-results');
const AGENCY = { code: 'RC-01', name: '青山县住房和城乡建设局' };
const YEAR = 2024;
const CELL = 'applications.newReceived.naturalPerson';
const OWN_PASSWORD = 'rectification-own-password';
const EXPLANATION = '统计口径调整：正文申请数含来信咨询件数，表格按新收申请统计';

interface Notice {
  id: string;
  status: string;
  items: { rule: string; status: string }[];
}

/**
 * A report the real parser reads, with one cell of table 3 off by 3 (T3.ROWSUM and T3.BALANCE,
 * errors) and a text that states 1,000 more applications than table 3 (N.APPLICATIONS, a warning).
 */
function reportWithFindings(): { text: string; correct: number } {
  const report = generateReport(new SeededRandom(2024_17), {
    year: YEAR,
    activity: 3,
    agencyName: AGENCY.name,
  });
  const correct = report.applications.newReceived.naturalPerson;
  report.applications.newReceived.naturalPerson = correct + 3;
  const text = renderReportText(report).replace(
    /全年共收到政府信息公开申请(\d+)件/,
    (_, count: string) => `全年共收到政府信息公开申请${Number(count) + 1000}件`,
  );
  return { text, correct };
}

describe('rectification in Chromium: notice → correct and explain → accept → closed', () => {
  let server: AppServer;
  let browser: Browser;
  let officeContext: BrowserContext;
  let clerkContext: BrowserContext;
  let office: Page;
  let clerk: Page;
  let adminToken: string;
  let uploaderToken: string;
  let officeToken: string;
  let reportId: string;
  let agencyId: string;
  const pageErrors: string[] = [];
  const { text, correct } = reportWithFindings();
  const oversight: Credentials = { username: 'zhenggai', password: OWN_PASSWORD };
  const uploader = { username: 'zhujian', password: OWN_PASSWORD, displayName: '住建局填报员' };

  const notices = () => apiRequest<Notice[]>(server.baseUrl, adminToken, 'GET', `/rectifications`);
  const findingRow = (page: Page, rule: string) =>
    page.getByTestId('explained-findings').locator('.el-table__body tr').filter({ hasText: rule });
  const watch = (page: Page) => {
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error' && !/status of 4\d\d/.test(message.text()))
        pageErrors.push(message.text());
    });
  };

  beforeAll(async () => {
    await mkdir(RESULTS_DIR, { recursive: true });
    server = await startAppServer();
    adminToken = await apiToken(server.baseUrl, DEMO_ADMIN);
    ({ agencyId } = await createAgencyWithUploader(server.baseUrl, adminToken, AGENCY, uploader));
    await createAccount(server.baseUrl, adminToken, {
      ...oversight,
      displayName: '县政务公开办整改员',
      role: 'oversight',
      scopeAgencyIds: [agencyId],
    });
    uploaderToken = await apiToken(server.baseUrl, uploader);
    officeToken = await apiToken(server.baseUrl, oversight);

    const stored = await apiRequest<{ id: string }>(
      server.baseUrl,
      uploaderToken,
      'POST',
      '/reports',
      {
        agencyId,
        year: YEAR,
        text,
        fileName: 'report.txt',
      },
    );
    reportId = stored.id;
    await apiRequest(server.baseUrl, uploaderToken, 'POST', `/reports/${reportId}/submit`);

    browser = await launchChromium();
    officeContext = await browser.newContext({
      viewport: { width: 1440, height: 900 },
      locale: 'zh-CN',
      acceptDownloads: true,
    });
    clerkContext = await browser.newContext({
      viewport: { width: 1440, height: 900 },
      locale: 'zh-CN',
    });
    office = await officeContext.newPage();
    clerk = await clerkContext.newPage();
    watch(office);
    watch(clerk);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('lets the official select two findings and send a notice with a due date', async () => {
    await signInThroughPage(office, server.baseUrl, oversight, `/reports/${reportId}`);
    await office.getByTestId('report-summary').waitFor();
    await office.getByRole('tab', { name: '说明与整改' }).click();
    await office.getByTestId('explained-findings').waitFor();
    for (const rule of ['T3.ROWSUM', 'N.APPLICATIONS'])
      await findingRow(office, rule).locator('.el-checkbox').first().click();
    await office.getByTestId('send-rectification').click();
    const dialog = office.locator('.el-dialog').filter({ hasText: '发出整改通知' });
    await dialog.waitFor();
    const due = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
    const dueInput = dialog.getByPlaceholder('选择日期');
    await dueInput.fill(due);
    await dueInput.press('Enter');
    await dialog.getByTestId('rectification-requirement').fill('请更正表三并说明正文申请数');
    await office.getByTestId('confirm-rectification').click();
    await dialog.waitFor({ state: 'hidden' });
    await office.screenshot({ path: join(RESULTS_DIR, 'rectification-sent.png') });

    const [notice] = await notices();
    expect(notice).toMatchObject({ status: 'open' });
    expect(notice?.items.map((item) => [item.rule, item.status]).sort()).toEqual([
      ['N.APPLICATIONS', 'open'],
      ['T3.ROWSUM', 'open'],
    ]);
  });

  it('shows the clerk the notice and its findings on the to-do', async () => {
    await signInThroughPage(clerk, server.baseUrl, uploader, '/');
    await clerk.waitForURL(/\/todo/);
    const card = clerk.getByTestId('todo-rectifications');
    await card.getByTestId('todo-rectification').waitFor();
    const items = await card.getByTestId('todo-rectification-item').allInnerTexts();
    expect(items.join('\n')).toContain('T3.ROWSUM');
    expect(items.join('\n')).toContain('N.APPLICATIONS');
    await clerk.screenshot({ path: join(RESULTS_DIR, 'rectification-todo.png'), fullPage: true });
  });

  it('resolves the corrected finding once the new version is submitted, and takes the explanation', async () => {
    // The office returns the report so the unit may correct it; the unit corrects and submits.
    await apiRequest(server.baseUrl, officeToken, 'POST', `/reports/${reportId}/return`, {
      comment: '请按整改通知更正',
    });
    await apiRequest(server.baseUrl, uploaderToken, 'PATCH', `/reports/${reportId}/cells`, {
      reason: '按整改通知更正表三',
      changes: [{ address: CELL, value: correct }],
    });
    await apiRequest(server.baseUrl, uploaderToken, 'POST', `/reports/${reportId}/submit`);
    const [afterFix] = await notices();
    expect(afterFix?.items.map((item) => [item.rule, item.status]).sort()).toEqual([
      ['N.APPLICATIONS', 'open'],
      ['T3.ROWSUM', 'fixed'],
    ]);

    await clerk.getByTestId('todo-rectifications').getByRole('button', { name: '处理' }).click();
    await clerk.getByTestId('report-summary').waitFor();
    await clerk.getByRole('tab', { name: '说明与整改' }).click();
    await findingRow(clerk, 'N.APPLICATIONS').getByTestId('write-explanation').click();
    await clerk.getByTestId('explanation-text').fill(EXPLANATION);
    await clerk.getByTestId('save-explanation').click();
    await findingRow(clerk, 'N.APPLICATIONS').getByText('待审核').waitFor();
    expect((await notices())[0]?.status).toBe('open');
  });

  it('closes the notice when the official accepts the explanation, and the ledger says so', async () => {
    await office.reload();
    await office.getByRole('tab', { name: '说明与整改' }).click();
    const row = findingRow(office, 'N.APPLICATIONS');
    await row.getByText(EXPLANATION).waitFor();
    await row.getByTestId('accept-explanation').click();
    await row.getByText('已说明').waitFor();

    const [closed] = await notices();
    expect(closed).toMatchObject({ status: 'closed' });
    expect(closed?.items.map((item) => [item.rule, item.status]).sort()).toEqual([
      ['N.APPLICATIONS', 'explained'],
      ['T3.ROWSUM', 'fixed'],
    ]);

    await office.goto(`${server.baseUrl}/rectifications?status=closed`);
    const table = office.getByTestId('rectifications-table');
    await table.getByText(AGENCY.name).waitFor();
    const agencyRow = table.locator('.el-table__body tr').filter({ hasText: AGENCY.name });
    await expect(agencyRow.getByTestId('rectification-status').innerText()).resolves.toBe('已办结');
    await office.screenshot({
      path: join(RESULTS_DIR, 'rectification-ledger.png'),
      fullPage: true,
    });
  });

  it('lists the closed notice as rectified in the 通报 the official downloads', async () => {
    await office.goto(`${server.baseUrl}/quality?scope=${agencyId}&year=${YEAR}`);
    await office.getByTestId('quality-page').waitFor();
    const [docx] = await Promise.all([
      office.waitForEvent('download'),
      office.getByTestId('bulletin-docx').click(),
    ]);
    const docxPath = join(RESULTS_DIR, 'rectification-bulletin.docx');
    await docx.saveAs(docxPath);
    const xml = strFromU8(
      unzipSync(new Uint8Array(await readFile(docxPath)))['word/document.xml'] ?? new Uint8Array(),
    );
    // The document's text in reading order: every run of text, tags left out.
    const text = [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)]
      .map((match) => match[1])
      .join('|');
    const rectifying = text.slice(
      text.indexOf('八、整改中的通知'),
      text.indexOf('九、已完成整改的通知'),
    );
    const rectified = text.slice(text.indexOf('九、已完成整改的通知'));
    expect(rectifying).toContain('无整改中的通知');
    expect(rectified).toContain(AGENCY.name);
    expect(rectified).toContain('已办结');
    expect(rectified).toContain('2/2');
  }, 120_000);

  it('logged no errors in the browser console', () => {
    expect(pageErrors).toEqual([]);
  });
});
