import { SESSION_USER_URL, startEarlyRequest } from './api/early-requests';
import { areaPageAt, chartsAt } from './router/page-loaders';
import { readStorage, TOKEN_STORAGE_KEY } from './stores/storage';

/*
 * A second, tiny entry of index.html: it starts downloading the page being opened (its chunk,
 * the chunks that imports and its styles) at once, while the app's own code is still arriving
 * and starting, instead of after it. The router then finds the page's code already there.
 * It also asks the API for the stored session's user, which the router waits for before any
 * page shows. Without a stored session the sign-in page shows instead, so nothing is loaded.
 */
const token = readStorage(TOKEN_STORAGE_KEY);
// Every page but the sign-in page waits for the session's user: ask for it at once, too.
if (token) startEarlyRequest(SESSION_USER_URL, token);
const page = areaPageAt(location.pathname);
if (page && token) {
  void page().catch(() => undefined);
  // ECharts is not part of a page's code (the page asks for its data while it loads): start it.
  // (A dynamic import here, so that this entry's own code needs no further file to run.)
  if (chartsAt(location.pathname)) void import('./charts/chart-view').catch(() => undefined);
}
