import { readFileSync } from 'node:fs';
import { readDocx } from '../lib/readers/docx';
it('dump', async () => {
  const d = await readDocx(readFileSync('/work/shared/corpus/template-2021/source.docx'));
  const out = d.lines.filter(l => l.source.table === 1 || l.source.table === 3).map(l => `${l.source.table}:${l.source.row} ` + l.cells.map(c => (c.mergedFrom ? '^' : '') + JSON.stringify(c.text)).join(' | '));
  console.log(out.join('\n'));
});
