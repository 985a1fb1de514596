import { areaPageAt } from './router/page-loaders';
import { readStorage, TOKEN_STORAGE_KEY } from './stores/storage';

/*
 * A second, tiny entry of index.html: it starts downloading the page being opened (its chunk,
 * the chunks that imports and its styles) at once, while the app's own code is still arriving
 * and starting, instead of after it. The router then finds the page's code already there.
 * Without a stored session the sign-in page shows instead, so nothing is loaded.
 */
const page = areaPageAt(location.pathname);
if (page && readStorage(TOKEN_STORAGE_KEY)) void page().catch(() => undefined);
