import { flushPromises, mount, RouterLinkStub } from '@vue/test-utils';
import { ElDatePicker, ElTable } from 'element-plus';
import { describe, expect, it } from 'vitest';
import type { ExplainedFinding, Explanation, ReportExplanations } from '../../api/rectification';
import { i18n } from '../../locales';
import { stubApi } from '../../test/api-stub';
import { unmountAfterEach } from '../report/test-fixtures';
import FindingExplanations from './FindingExplanations.vue';

const REPORT = 'b0000000-0000-4000-8000-000000000001';
const WARNING_KEY = 'N.APPLICATIONS@applications.carriedOver.total+applications.newReceived.total';
const ERROR_KEY = 'T3.ROWSUM@applications.newReceived.naturalPerson';

const explanation = (overrides: Partial<Explanation> = {}): Explanation => ({
  id: 'e0000000-0000-4000-8000-000000000001',
  reportId: REPORT,
  agencyId: 'a0000000-0000-4000-8000-000000000001',
  year: 2024,
  findingKey: WARNING_KEY,
  rule: 'N.APPLICATIONS',
  findingMessage: '正文所述收到申请 1036 件，表三新收 36 件',
  text: '统计口径调整：正文含来信咨询件数',
  status: 'pending',
  writtenByName: '青山县自然资源局（填报）',
  writtenAt: '2025-05-02T01:00:00.000Z',
  decidedByName: null,
  decidedAt: null,
  decisionReason: null,
  ...overrides,
});

function findings(warning: Explanation | null): ReportExplanations {
  const rows: ExplainedFinding[] = [
    {
      key: ERROR_KEY,
      rule: 'T3.ROWSUM',
      severity: 'error',
      cells: ['applications.newReceived.naturalPerson'],
      message: '表三 本年新收：各列之和 41 ≠ 总计 36',
      explainable: false,
      explanation: null,
    },
    {
      key: WARNING_KEY,
      rule: 'N.APPLICATIONS',
      severity: 'warning',
      cells: ['applications.newReceived.total', 'applications.carriedOver.total'],
      message: '正文所述收到申请 1036 件，表三新收 36 件',
      explainable: true,
      explanation: warning,
    },
  ];
  return { reportId: REPORT, findings: rows, former: [] };
}

/** An element of a dialog (dialogs are appended to the body), or the test fails saying which. */
function inBody<E extends Element>(selector: string): E {
  const element = document.body.querySelector<E>(selector);
  if (!element) throw new Error(`nothing matches ${selector}`);
  return element;
}

describe('FindingExplanations', { timeout: 20_000 }, () => {
  const keep = unmountAfterEach();
  const mountPanel = (props: { canExplain: boolean; canReview: boolean }) =>
    keep(
      mount(FindingExplanations, {
        props: { reportId: REPORT, ...props },
        global: { plugins: [i18n], stubs: { RouterLink: RouterLinkStub } },
        attachTo: document.body,
      }),
    );

  it('lets the agency explain a warning, never an error, and shows it awaiting review', async () => {
    let stored: Explanation | null = null;
    const { calls } = stubApi({
      'GET /api/explanations': () => ({ body: findings(stored) }),
      'PUT /api/explanations': ({ body }) => {
        stored = explanation({ text: (body as { text: string }).text });
        return { body: stored };
      },
    });
    const panel = mountPanel({ canExplain: true, canReview: false });
    await flushPromises();

    expect(panel.findAll('[data-testid="write-explanation"]')).toHaveLength(1);
    expect(panel.text()).toContain('错误须更正');
    expect(panel.find('[data-testid="send-rectification"]').exists()).toBe(false);

    await panel.get('[data-testid="write-explanation"]').trigger('click');
    await flushPromises();
    // Element Plus puts the attributes on the textarea itself.
    const textarea = inBody<HTMLTextAreaElement>('textarea[data-testid="explanation-text"]');
    textarea.value = '统计口径调整：正文含来信咨询件数';
    textarea.dispatchEvent(new Event('input'));
    await flushPromises();
    inBody<HTMLButtonElement>('[data-testid="save-explanation"]').click();
    await flushPromises();

    expect(calls.find((call) => call.method === 'PUT')?.body).toEqual({
      reportId: REPORT,
      findingKey: WARNING_KEY,
      text: '统计口径调整：正文含来信咨询件数',
    });
    expect(panel.get('[data-testid="explanation-status"]').text()).toBe('待审核');
    expect(panel.get('[data-testid="explanation"]').text()).toContain('正文含来信咨询件数');
  });

  it('lets oversight accept an explanation, then shows it as 已说明', async () => {
    let current = explanation();
    const { calls } = stubApi({
      'GET /api/explanations': () => ({ body: findings(current) }),
      [`POST /api/explanations/${current.id}/decision`]: ({ body }) => {
        current = explanation({
          status: (body as { accept: boolean }).accept ? 'accepted' : 'rejected',
          decidedByName: '县政务公开办',
        });
        return { body: current };
      },
    });
    const panel = mountPanel({ canExplain: false, canReview: true });
    await flushPromises();
    expect(panel.find('[data-testid="write-explanation"]').exists()).toBe(false);

    await panel.get('[data-testid="accept-explanation"]').trigger('click');
    await flushPromises();
    expect(calls.find((call) => call.method === 'POST')?.body).toEqual({ accept: true });
    expect(panel.get('[data-testid="explanation-status"]').text()).toBe('已说明');
    expect(panel.find('[data-testid="accept-explanation"]').exists()).toBe(false);
  });

  it('sends the selected findings in a notice with its due date', async () => {
    const { calls } = stubApi({
      'GET /api/explanations': { body: findings(null) },
      'POST /api/rectifications': { status: 201, body: [] },
    });
    const panel = mountPanel({ canExplain: false, canReview: true });
    await flushPromises();
    const send = panel.get('[data-testid="send-rectification"]');
    expect(send.attributes('disabled')).toBeDefined();

    const rows = findings(null).findings;
    panel.findComponent(ElTable).vm.$emit('selection-change', rows);
    await flushPromises();
    expect(send.text()).toBe('发出整改通知（2）');
    await send.trigger('click');
    await flushPromises();

    // Without a due date the dialog says so and sends nothing.
    inBody<HTMLButtonElement>('[data-testid="confirm-rectification"]').click();
    await flushPromises();
    expect(document.body.textContent).toContain('请选择整改期限');
    expect(calls.some((call) => call.method === 'POST')).toBe(false);

    panel.findComponent(ElDatePicker).vm.$emit('update:modelValue', '2099-06-30');
    await flushPromises();
    inBody<HTMLButtonElement>('[data-testid="confirm-rectification"]').click();
    await flushPromises();
    expect(calls.find((call) => call.method === 'POST')?.body).toEqual({
      dueDate: '2099-06-30',
      findings: [
        { reportId: REPORT, findingKey: ERROR_KEY },
        { reportId: REPORT, findingKey: WARNING_KEY },
      ],
    });
    expect(panel.emitted('sent')).toHaveLength(1);
  });
});
