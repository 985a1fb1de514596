import { flushPromises, mount, RouterLinkStub } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { i18n } from '../../locales';
import { stubApi } from '../../test/api-stub';
import { unmountAfterEach } from '../report/test-fixtures';
import ExplainedWarningsCard from './ExplainedWarningsCard.vue';

describe('ExplainedWarningsCard', () => {
  const keep = unmountAfterEach();

  it('counts accepted explanations apart from pending and rejected ones, per rule', async () => {
    const { calls } = stubApi({
      'GET /api/explanations/summary': {
        body: {
          year: 2024,
          rows: [{ rule: 'N.APPLICATIONS', pending: 1, accepted: 2, rejected: 1 }],
          pending: 1,
          accepted: 2,
          rejected: 1,
        },
      },
    });
    const card = keep(
      mount(ExplainedWarningsCard, {
        props: { scope: 'a0000000-0000-4000-8000-000000000001', year: 2024 },
        global: { plugins: [i18n], stubs: { RouterLink: RouterLinkStub } },
      }),
    );
    await flushPromises();
    expect(Object.fromEntries(calls[0]?.url.searchParams ?? [])).toEqual({
      year: '2024',
      scope: 'a0000000-0000-4000-8000-000000000001',
    });
    expect(card.get('[data-testid="explained-warnings-total"]').text()).toBe(
      '已说明的警告：2 条（待审核 1，未采纳 1）',
    );
    expect(card.text()).toContain('N.APPLICATIONS');
  });

  it('asks nothing until the page knows its year', async () => {
    const { calls } = stubApi({});
    keep(
      mount(ExplainedWarningsCard, {
        props: { scope: null, year: null },
        global: { plugins: [i18n], stubs: { RouterLink: RouterLinkStub } },
      }),
    );
    await flushPromises();
    expect(calls).toEqual([]);
  });
});
