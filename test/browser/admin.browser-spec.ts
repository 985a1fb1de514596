import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { type AppServer, startAppServer } from './support/app-server';
import { launchChromium } from './support/chromium';
import {
  apiGet,
  apiToken,
  chooseSelectOption,
  chooseTreeOption,
  DEMO_ADMIN,
  signInThroughPage,
  signOutThroughPage,
} from './support/session';

const RESULTS_DIR = join(__dirname, '..', '..', 'test-results');

const ROOT = { code: 'E2E-QS', name: '测试县人民政府' };
const CHILD = { code: 'E2E-QS-JY', name: '测试县教育局' };
const IMPORTED = [
  { code: 'E2E-QS-WS', name: '测试县卫生健康局' },
  { code: 'E2E-QS-T01', name: '测试县城关镇人民政府' },
];
const UPLOADER = {
  username: 'e2e-jiaoyu',
  displayName: '测试县教育局（填报）',
  password: 'e2e-secret-1',
};

interface Agency {
  id: string;
  code: string;
  name: string;
  parentId: string | null;
  level: string;
  kind: string;
}

interface User {
  username: string;
  displayName: string;
  role: string;
  agencyId: string | null;
}

describe('administration in Chromium', () => {
  let server: AppServer;
  let browser: Browser;
  let page: Page;
  let filesDir: string;
  const pageErrors: string[] = [];

  const agencies = async () =>
    apiGet<Agency[]>(server.baseUrl, await apiToken(server.baseUrl, DEMO_ADMIN), '/agencies');
  const byCode = async (code: string) => (await agencies()).find((agency) => agency.code === code);

  function watchConsole(target: Page) {
    target.on('pageerror', (error) => pageErrors.push(error.message));
    target.on('console', (message) => {
      // Refusals the test provokes answer 4xx; Chromium logs every failed request.
      if (message.type() === 'error' && !/status of 4\d\d/.test(message.text())) {
        pageErrors.push(message.text());
      }
    });
  }

  beforeAll(async () => {
    await mkdir(RESULTS_DIR, { recursive: true });
    filesDir = await mkdtemp(join(tmpdir(), 'atlas-admin-'));
    server = await startAppServer();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    watchConsole(page);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('asks for sign-in on /admin and comes back to it as the admin', async () => {
    await signInThroughPage(page, server.baseUrl, DEMO_ADMIN, '/admin');
    expect(new URL(page.url()).pathname).toBe('/admin');
    await page.getByTestId('agencies-panel').waitFor();
    await expect(page.getByTestId('nav-menu').innerText()).resolves.toContain('管理');
  });

  it('adds a top-level agency and a child agency through the form', async () => {
    await page.getByTestId('agency-add-root').click();
    const dialog = page.getByTestId('agency-dialog');
    await dialog.waitFor();
    await dialog.getByTestId('agency-save').click();
    await dialog.getByText('请输入名称').waitFor();
    await dialog.getByText('请输入编码').waitFor();

    await dialog.getByTestId('agency-name').fill(ROOT.name);
    await dialog.getByTestId('agency-code').fill(ROOT.code);
    await chooseSelectOption(page, dialog.getByTestId('agency-level'), '县级');
    await chooseSelectOption(page, dialog.getByTestId('agency-kind'), '人民政府');
    await dialog.getByTestId('agency-save').click();
    await dialog.waitFor({ state: 'hidden' });
    const rootRow = page.getByTestId('agency-table').locator('tr', { hasText: ROOT.code });
    await rootRow.waitFor();

    await rootRow.getByRole('button', { name: '新增下级' }).click();
    await dialog.waitFor();
    await expect(dialog.locator('.el-dialog__title').innerText()).resolves.toContain(ROOT.name);
    await dialog.getByTestId('agency-name').fill(CHILD.name);
    await dialog.getByTestId('agency-code').fill(CHILD.code);
    // A new unit is first due this year unless the admin says otherwise: cleared, it is 不限.
    await expect(dialog.getByTestId('agency-active-from').locator('input').inputValue()).resolves.toBe(String(new Date().getFullYear()));
    await dialog.getByTestId('agency-active-from').locator('input').fill('');
    await dialog.getByTestId('agency-save').click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByTestId('agency-table').locator('tr', { hasText: CHILD.code }).waitFor();

    const root = await byCode(ROOT.code);
    const child = await byCode(CHILD.code);
    expect(root).toMatchObject({
      name: ROOT.name,
      level: 'county',
      kind: 'government',
      parentId: null,
      activeFromYear: new Date().getFullYear(),
    });
    // A child starts with its parent's level and as a department.
    expect(child).toMatchObject({
      name: CHILD.name,
      level: 'county',
      kind: 'department',
      parentId: root?.id,
      activeFromYear: null,
    });
  });

  it("shows the API's reason when it refuses an agency, and saves nothing", async () => {
    await page.getByTestId('agency-add-root').click();
    const dialog = page.getByTestId('agency-dialog');
    await dialog.getByTestId('agency-name').fill('另一个测试县');
    await dialog.getByTestId('agency-code').fill(ROOT.code);
    await chooseSelectOption(page, dialog.getByTestId('agency-level'), '县级');
    await chooseSelectOption(page, dialog.getByTestId('agency-kind'), '人民政府');
    await dialog.getByTestId('agency-save').click();

    const error = dialog.getByTestId('agency-form-error');
    await error.waitFor();
    await expect(error.innerText()).resolves.toBe(`保存失败：编码“${ROOT.code}”已存在`);
    await page.screenshot({ path: join(RESULTS_DIR, 'admin-agency-refused.png') });
    await dialog.getByRole('button', { name: '取消', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect((await agencies()).filter((agency) => agency.name === '另一个测试县')).toEqual([]);
  });

  it('lists the rows of a refused import file, then imports a correct one', async () => {
    const bad = join(filesDir, '机构-有误.csv');
    await writeFile(
      bad,
      '\uFEFF编码,名称,层级,类型,上级编码\r\n' +
        `${IMPORTED[0]?.code},${IMPORTED[0]?.name},县级,部门,${ROOT.code}\r\n` +
        `${IMPORTED[1]?.code},${IMPORTED[1]?.name},村级,乡镇,${ROOT.code}\r\n`,
    );
    await page.getByTestId('agency-import').click();
    const dialog = page.getByTestId('agency-import-dialog');
    await dialog.waitFor();
    await dialog.locator('input[type=file]').setInputFiles(bad);
    await dialog.getByTestId('agency-import-submit').click();

    await dialog.getByTestId('agency-import-error').waitFor();
    await expect(dialog.getByTestId('agency-import-error').innerText()).resolves.toContain(
      '导入失败，未写入任何数据',
    );
    const errors = dialog.getByTestId('agency-import-errors');
    const firstRow = errors.locator('tbody tr').first();
    await expect(firstRow.locator('td').nth(0).innerText()).resolves.toBe('3');
    await expect(firstRow.locator('td').nth(1).innerText()).resolves.toBe('层级');
    await expect(firstRow.locator('td').nth(2).innerText()).resolves.toContain('村级');
    await page.screenshot({ path: join(RESULTS_DIR, 'admin-import-errors.png') });
    expect(await byCode(IMPORTED[0]?.code ?? '')).toBeUndefined();

    const good = join(filesDir, '机构.csv');
    await writeFile(
      good,
      '\uFEFF编码,名称,层级,类型,上级编码\r\n' +
        `${IMPORTED[0]?.code},${IMPORTED[0]?.name},县级,部门,${ROOT.code}\r\n` +
        `${IMPORTED[1]?.code},${IMPORTED[1]?.name},乡镇级,乡镇,${ROOT.code}\r\n`,
    );
    await dialog.locator('input[type=file]').setInputFiles(good);
    await dialog.getByTestId('agency-import-submit').click();
    const success = dialog.getByTestId('agency-import-success');
    await success.waitFor();
    await expect(success.innerText()).resolves.toContain('新增 2 个');
    await dialog.getByRole('button', { name: '关闭', exact: true }).click();
    await page
      .getByTestId('agency-table')
      .locator('tr', { hasText: IMPORTED[1]?.code ?? '' })
      .waitFor();

    const root = await byCode(ROOT.code);
    expect(await byCode(IMPORTED[1]?.code ?? '')).toMatchObject({
      name: IMPORTED[1]?.name,
      level: 'township',
      kind: 'town',
      parentId: root?.id,
    });
  });

  it('creates an uploader for the new agency through the form', async () => {
    await page.getByRole('tab', { name: '用户与角色' }).click();
    await page.waitForURL('**/admin?tab=users');
    await page.getByTestId('user-table').waitFor();
    await page.getByTestId('user-create').click();
    const dialog = page.getByTestId('user-dialog');
    await dialog.waitFor();

    await dialog.getByTestId('user-username').fill(UPLOADER.username);
    await dialog.getByTestId('user-display-name').fill(UPLOADER.displayName);
    await dialog.getByTestId('user-password').fill(UPLOADER.password);
    // 填报用户 is preselected; an uploader needs its agency.
    await dialog.getByTestId('user-save').click();
    await dialog.getByText('填报用户必须指定所属单位').waitFor();
    await chooseTreeOption(page, dialog.getByTestId('user-agency'), CHILD.name);
    await dialog.getByText('填报用户必须指定所属单位').waitFor({ state: 'hidden' });
    await page.screenshot({ path: join(RESULTS_DIR, 'admin-user-form.png') });
    await dialog.getByTestId('user-save').click();
    await dialog.waitFor({ state: 'hidden' });

    const row = page.getByTestId('user-table').locator('tr', { hasText: UPLOADER.username });
    await row.waitFor();
    await expect(row.innerText()).resolves.toContain(CHILD.name);
    await page.screenshot({ path: join(RESULTS_DIR, 'admin-users.png'), fullPage: true });

    const token = await apiToken(server.baseUrl, DEMO_ADMIN);
    const users = await apiGet<User[]>(server.baseUrl, token, '/users');
    const child = await byCode(CHILD.code);
    expect(users.find((user) => user.username === UPLOADER.username)).toMatchObject({
      displayName: UPLOADER.displayName,
      role: 'uploader',
      agencyId: child?.id,
    });
    // The password set in the form is the one that signs in.
    await expect(apiToken(server.baseUrl, UPLOADER)).resolves.toEqual(expect.any(String));
  });

  it('shows what was just done in the audit log, in Chinese, by family of action', async () => {
    await page.getByRole('tab', { name: '操作日志' }).click();
    await page.waitForURL('**/admin?tab=audit');
    const table = page.getByTestId('audit-table');
    await table.locator('.el-table__row').first().waitFor();
    await expect(table.innerText()).resolves.toContain('新增用户');
    await chooseSelectOption(page, page.getByTestId('audit-family'), '机构');
    await table.locator('.el-loading-mask').waitFor({ state: 'hidden' });
    const text = await table.innerText();
    expect(text).toContain('新增机构');
    expect(text).not.toContain('新增用户');
    await page.screenshot({ path: join(RESULTS_DIR, 'admin-audit.png'), fullPage: true });
  });

  it('sets the deadline of a year', async () => {
    const year = 2024;
    await page.getByRole('tab', { name: '报送截止日期' }).click();
    await page.getByTestId('deadlines-panel').waitFor();
    // The year is part of the address: a link opens the same year.
    await page.goto(`${server.baseUrl}/admin?tab=deadlines&year=${year}`);
    await expect(page.getByTestId('deadline-statutory').innerText()).resolves.toBe(
      `${year + 1}-01-31`,
    );
    await page.getByTestId('deadline-set-default').click();
    const dialog = page.getByTestId('deadline-dialog');
    await dialog.waitFor();
    const date = `${year + 1}-02-27`;
    const dateInput = dialog.getByTestId('deadline-date').locator('input');
    await dateInput.fill(date);
    await dateInput.press('Enter');
    await dialog.getByTestId('deadline-save').click();
    await dialog.waitFor({ state: 'hidden' });
    await expect(page.getByTestId('deadline-default').innerText()).resolves.toBe(date);

    const token = await apiToken(server.baseUrl, DEMO_ADMIN);
    const list = await apiGet<{ defaultDueDate: string }>(
      server.baseUrl,
      token,
      `/deadlines?year=${year}`,
    );
    expect(list.defaultDueDate).toBe(date);
    await page.screenshot({ path: join(RESULTS_DIR, 'admin-deadlines.png') });

    // Removed, the year falls back to the statutory date.
    await page.getByTestId('deadline-remove-default').click();
    await page.locator('.el-message-box').getByRole('button', { name: '删除' }).click();
    await page.getByTestId('deadline-remove-default').waitFor({ state: 'hidden' });
    const after = await apiGet<{ defaultDueDate: string }>(server.baseUrl, token, `/deadlines?year=${year}`);
    expect(after.defaultDueDate).toBe(`${year + 1}-01-31`);
  });

  it('returns to sign-in when the session ends elsewhere, and back to the page after', async () => {
    const token = await page.evaluate(() => localStorage.getItem('atlas:token'));
    const logout = await fetch(`${server.baseUrl}/api/auth/logout`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(logout.status).toBe(204);

    // The users tab loads its list with the ended session: the API answers 401.
    await page.getByRole('tab', { name: '用户与角色' }).click();
    await page.getByTestId('login-page').waitFor();
    const redirect = new URL(page.url()).searchParams.get('redirect');
    expect(redirect).toBe('/admin?tab=users');
    await expect(page.evaluate(() => localStorage.getItem('atlas:token'))).resolves.toBeNull();

    await page.getByTestId('login-username').fill(DEMO_ADMIN.username);
    await page.getByTestId('login-password').fill(DEMO_ADMIN.password);
    await page.getByTestId('login-submit').click();
    await page.waitForURL('**/admin?tab=users');
    await page.getByTestId('user-table').waitFor();
  });

  it('signs the admin out through the user menu', async () => {
    await signOutThroughPage(page);
    await page.goto(`${server.baseUrl}/admin`);
    await page.getByTestId('login-page').waitFor();
    expect(new URL(page.url()).searchParams.get('redirect')).toBe('/admin');
  });

  it('shows an uploader no administration and turns it away from /admin', async () => {
    const context = await browser.newContext({
      viewport: { width: 1440, height: 900 },
      locale: 'zh-CN',
    });
    const uploaderPage = await context.newPage();
    watchConsole(uploaderPage);
    await signInThroughPage(uploaderPage, server.baseUrl, UPLOADER);

    // First sign-in with the password the admin chose: the clerk sets their own, cannot skip it…
    await uploaderPage.getByTestId('password-required').waitFor();
    await uploaderPage.goto(`${server.baseUrl}/reports`);
    await uploaderPage.waitForURL((url) => url.pathname === '/password' && url.searchParams.get('redirect') === '/reports');
    const ownPassword = `${UPLOADER.password}-own`;
    const passwordDialog = uploaderPage.getByTestId('password-dialog');
    await passwordDialog.locator('input[autocomplete="current-password"]').fill(UPLOADER.password);
    const newInputs = passwordDialog.locator('input[autocomplete="new-password"]');
    await newInputs.nth(0).fill(ownPassword);
    await newInputs.nth(1).fill(ownPassword);
    await passwordDialog.getByTestId('password-submit').click();
    // …then goes on to where they were headed; the start page is the agency's to-do.
    await uploaderPage.waitForURL((url) => url.pathname === '/reports');
    await uploaderPage.goto(`${server.baseUrl}/`);
    await uploaderPage.waitForURL('**/todo');
    await uploaderPage.getByTestId('todo-page').waitFor();
    await uploaderPage.getByTestId('todo-deadline').waitFor();
    await expect(uploaderPage.getByTestId('todo-due-status').innerText()).resolves.toContain('尚未上传');
    await uploaderPage.screenshot({ path: join(RESULTS_DIR, 'admin-uploader-todo.png') });
    await expect(apiToken(server.baseUrl, { ...UPLOADER, password: ownPassword })).resolves.toEqual(expect.any(String));

    const menu = await uploaderPage.getByTestId('nav-menu').innerText();
    expect(menu).not.toContain('管理');
    expect(menu).toContain('上传');
    await expect(uploaderPage.getByTestId('user-role').innerText()).resolves.toBe('填报用户');

    await uploaderPage.goto(`${server.baseUrl}/admin`);
    await uploaderPage.waitForURL('**/todo');
    await uploaderPage.getByText('您没有权限访问“管理”').waitFor();
    await expect(uploaderPage.getByTestId('agencies-panel').count()).resolves.toBe(0);
    await uploaderPage.screenshot({ path: join(RESULTS_DIR, 'admin-uploader-refused.png') });
    await context.close();
  });

  it('logged no errors in the browser console', () => {
    expect(pageErrors).toEqual([]);
  });
});
