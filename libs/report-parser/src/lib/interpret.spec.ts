import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { getCell } from '@atlas/report-model';
import { parseReport } from './parse-report';

const CORPUS = resolve(__dirname, '../../../../../shared/corpus');
const corpusIt = existsSync(CORPUS) ? it : it.skip;
const jiyuanText = () => readFileSync(join(CORPUS, 'jiyuan-etdz-2023', 'source.txt'), 'utf8');
const bytesOf = (text: string) => new TextEncoder().encode(text);

describe('interpreting tables', () => {
  corpusIt('reports a full row no label claims, without merging it in (F.UNKNOWN_ROW)', async () => {
    const text = jiyuanText().replace(/(\(七\) 总计[^\n]*\n)/, '$1（八）其他情形\t\t5\t0\t0\t0\t0\t0\t5\t\n');
    const { report } = await parseReport(bytesOf(text), { fileName: 'report.txt' });
    const unknown = report.findings.filter((finding) => finding.rule === 'F.UNKNOWN_ROW');
    expect(unknown).toHaveLength(1);
    expect(unknown[0]?.severity).toBe('warning');
    expect(unknown[0]?.message).toContain('（八）其他情形');
    expect(unknown[0]?.message).toContain('5、0、0、0、0、0、5');
    expect(getCell(report, 'applications.totalHandled.total')).toBe(2);
  });

  corpusIt('keeps where every cell came from', async () => {
    const { provenance } = await parseReport(bytesOf(jiyuanText()), { fileName: 'report.txt' });
    const newReceived = provenance['applications.newReceived.naturalPerson'];
    expect(newReceived?.raw).toBe('2');
    expect(newReceived?.source.line).toBeGreaterThan(0);
    expect(Object.keys(provenance)).toHaveLength(200);
  });

  corpusIt('names the missing table when one is absent (F.MISSING_TABLE)', async () => {
    const withoutTable4 = jiyuanText().split('四、政府信息公开行政复议')[0] ?? '';
    const { report } = await parseReport(bytesOf(withoutTable4), { fileName: 'report.txt' });
    expect(report.findings.filter((finding) => finding.rule === 'F.MISSING_TABLE').map((finding) => finding.cells)).toEqual([['reviewLitigation']]);
  });

  corpusIt('marks the split it chose when digits ran together ambiguously (F.AMBIGUOUS)', async () => {
    const bytes = new Uint8Array(readFileSync(join(CORPUS, 'pingtan-2021', 'source.txt')));
    const { report, provenance } = await parseReport(bytes, { fileName: 'source.txt' });
    const ambiguous = report.findings.find((finding) => finding.rule === 'F.AMBIGUOUS');
    expect(ambiguous?.cells).toEqual([
      'proactive.normativeDocuments.issued',
      'proactive.normativeDocuments.repealed',
      'proactive.normativeDocuments.inForce',
    ]);
    expect(ambiguous?.candidates?.length).toBe(10);
    expect(provenance['proactive.normativeDocuments.issued']).toMatchObject({ raw: '693665', method: 'digit-run' });
  });
});
