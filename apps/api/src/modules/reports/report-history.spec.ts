import { pendingSendBack } from './report-history';
import type { ReportAction } from './report-status';

const steps = (...actions: ReportAction[]) =>
  actions.map((action, index) => ({ action, comment: `#${index}` }));

describe('pendingSendBack', () => {
  it('is null before any return and once the report is submitted again', () => {
    expect(pendingSendBack(steps('upload', 'submit'))).toBeNull();
    expect(pendingSendBack(steps('upload', 'submit', 'return', 'correct', 'submit'))).toBeNull();
    expect(pendingSendBack([])).toBeNull();
  });

  it('keeps the return through corrections and uploads until the next submission', () => {
    expect(
      pendingSendBack(steps('upload', 'submit', 'return', 'correct', 'correct', 'upload')),
    ).toEqual({ action: 'return', comment: '#2' });
  });

  it('takes the latest of several, a reopen included', () => {
    const events = steps('upload', 'submit', 'return', 'correct', 'submit', 'accept', 'reopen');
    expect(pendingSendBack(events)).toEqual({ action: 'reopen', comment: '#6' });
    expect(pendingSendBack([...events, ...steps('correct')])).toMatchObject({ action: 'reopen' });
  });
});
