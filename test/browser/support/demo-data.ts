import { apiGet, apiToken, type Credentials } from './session';

/** The overview fields that tell whether the demo region has loaded. */
interface OverviewSubmissions {
  submissions: { submitted: number };
}

/**
 * Waits until the demo region (loaded in the background when ATLAS_DEMO_DATA=true) has submitted
 * reports for the default year and the overview has stopped changing between two polls.
 */
export async function waitForDemoData(
  baseUrl: string,
  credentials: Credentials,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let token = '';
  let previous = '';
  for (;;) {
    // The account may itself be created by the demo load: until then there is no token.
    token ||= await apiToken(baseUrl, credentials).catch(() => '');
    const text = token
      ? JSON.stringify(await apiGet<OverviewSubmissions>(baseUrl, token, '/analytics/overview'))
      : '';
    const submitted = text ? (JSON.parse(text) as OverviewSubmissions).submissions.submitted : 0;
    if (submitted > 0 && text === previous) return;
    if (Date.now() > deadline) {
      throw new Error(`the demo data did not load within ${timeoutMs} ms: ${text.slice(0, 400)}`);
    }
    previous = text;
    await new Promise((resolve) => setTimeout(resolve, 5000));
  }
}
