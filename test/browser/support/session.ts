import type { Locator, Page } from 'playwright-core';

/** Signing in, through the page and through the API, for the browser tests. */

export interface Credentials {
  username: string;
  password: string;
}

export const DEMO_ADMIN: Credentials = { username: 'admin', password: 'atlas-demo' };

/**
 * Opens `path` (the sign-in page when signed out), signs in through the form and waits until the
 * app has left the sign-in page.
 */
export async function signInThroughPage(
  page: Page,
  baseUrl: string,
  credentials: Credentials,
  path = '/',
): Promise<void> {
  await page.goto(`${baseUrl}${path}`);
  await page.getByTestId('login-page').waitFor();
  await page.getByTestId('login-username').fill(credentials.username);
  await page.getByTestId('login-password').fill(credentials.password);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  await page.getByTestId('app-layout').waitFor();
}

/** Signs out through the header's user menu and waits for the sign-in page. */
export async function signOutThroughPage(page: Page): Promise<void> {
  await page.getByTestId('user-menu').click();
  await page.getByTestId('user-menu-logout').click();
  await page.locator('.el-message-box').getByRole('button', { name: '退出登录' }).click();
  await page.getByTestId('login-page').waitFor();
}

/** A bearer token from POST /api/auth/login (a session of its own, apart from the page's). */
export async function apiToken(baseUrl: string, credentials: Credentials): Promise<string> {
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: credentials.username, password: credentials.password }),
  });
  if (response.status !== 200) {
    throw new Error(
      `POST /api/auth/login as ${credentials.username}: HTTP ${response.status} ${await response.text()}`,
    );
  }
  return ((await response.json()) as { accessToken: string }).accessToken;
}

/** GET /api{path} with the token; throws with the body on anything but 200. */
export async function apiGet<T>(baseUrl: string, token: string, path: string): Promise<T> {
  const response = await fetch(`${baseUrl}/api${path}`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`GET ${path}: HTTP ${response.status} ${text}`);
  return JSON.parse(text) as T;
}

/** Picks an option of an Element Plus select by its label (the dropdown is teleported to the body). */
export async function chooseSelectOption(
  page: Page,
  select: Locator,
  label: string,
): Promise<void> {
  await select.click();
  await page
    .locator('.el-select-dropdown:visible .el-select-dropdown__item')
    .filter({ hasText: label })
    .first()
    .click();
}

/** Picks a node of an Element Plus tree select by its text, searching for it first. */
export async function chooseTreeOption(page: Page, select: Locator, text: string): Promise<void> {
  await select.click();
  await select.locator('input').first().fill(text);
  await page
    .locator('.el-select-dropdown:visible .el-tree-node__content')
    .filter({ hasText: text })
    .first()
    .click();
}
