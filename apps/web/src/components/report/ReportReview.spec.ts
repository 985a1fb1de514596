import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { i18n } from '../../locales';
import ReportReview from './ReportReview.vue';
import {
  consistentReport,
  INFERRED_CELLS,
  layoutFinding,
  layoutProvenance,
  UNCERTAIN_CELLS,
  unmountAfterEach,
} from './test-fixtures';

// The tables are some 300 cells; mounting them takes seconds on a busy machine.
describe('ReportReview', { timeout: 30_000 }, () => {
  const keep = unmountAfterEach();

  function mountReview() {
    return keep(
      mount(ReportReview, {
        props: {
          report: consistentReport(),
          findings: [layoutFinding()],
          provenance: layoutProvenance(),
        },
        global: { plugins: [i18n] },
        attachTo: document.body,
      }),
    );
  }

  it('hands the provenance to the tables, which mark the cells placed with less than certainty', () => {
    const review = mountReview();
    for (const address of INFERRED_CELLS) {
      expect(review.get(`td[data-address="${address}"]`).classes()).toContain('is-inferred');
    }
    for (const address of UNCERTAIN_CELLS) {
      expect(review.get(`td[data-address="${address}"]`).classes()).toContain('is-uncertain');
    }
    expect(review.find('[data-testid="certainty-legend"]').exists()).toBe(true);
  });

  it('outlines every cell of an F.LAYOUT finding when it is picked, and none when picked again', async () => {
    const review = mountReview();
    const main = review.get('[data-rule="F.LAYOUT"] .finding__main');
    await main.trigger('click');
    await flushPromises();
    const focused = review.findAll('td.is-focused').map((cell) => cell.attributes('data-address'));
    expect(focused).toEqual(UNCERTAIN_CELLS);
    expect(review.get('[data-rule="F.LAYOUT"]').classes()).toContain('is-active');

    await main.trigger('click');
    await flushPromises();
    expect(review.findAll('td.is-focused')).toHaveLength(0);
  });

  it('opens the dialog of a cell named by the finding, with where it was read', async () => {
    const review = mountReview();
    const [first] = UNCERTAIN_CELLS as [string];
    await review.get('[data-rule="F.LAYOUT"] [data-testid="finding-cell"]').trigger('click');
    await flushPromises();
    const dialog = document.body.querySelector('[data-testid="cell-dialog-source"]');
    expect(dialog?.textContent).toContain('第 3 个表格 第 4 行 第 1 列');
    expect(dialog?.querySelector('[data-testid="cell-dialog-certainty"]')?.textContent).toContain(
      '不确定',
    );
    expect(review.get(`td[data-address="${first}"]`).classes()).toContain('is-selected');
  });
});
