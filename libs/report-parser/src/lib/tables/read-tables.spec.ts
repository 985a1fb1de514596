import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readText } from '../readers/text';
import { flattenLines } from './flat-text';
import { locateTables, readTable2, readTable3, readTable4 } from './read-tables';

const CORPUS = resolve(__dirname, '../../../../../../shared/corpus');
const corpusIt = existsSync(CORPUS) ? it : it.skip;

function flatOf(folder: string, file: string, format: 'text' | 'markdown') {
  return flattenLines(readText(new Uint8Array(readFileSync(join(CORPUS, folder, file))), format).lines);
}

describe('reading the tables of text reports', () => {
  corpusIt('reads every cell of the tab-separated jiyuan report', () => {
    const expected = JSON.parse(readFileSync(join(CORPUS, 'jiyuan-etdz-2023', 'expected.json'), 'utf8'));
    const flat = flatOf('jiyuan-etdz-2023', 'source.txt', 'text');
    const { table2: table2Bounds, table3: table3Bounds, table4: table4Bounds } = locateTables(flat);
    if (!table2Bounds || !table3Bounds || !table4Bounds) throw new Error('a table was not found');
    const table3 = readTable3(flat, table3Bounds);
    expect(table3.layout).toBe('itemizedOtherHandling');
    for (const row of table3.rows) {
      expect({ key: row.key, values: row.values?.kind === 'values' ? row.values.values : row.values }).toEqual({
        key: row.key,
        values: Object.values(expected.applications[row.key]),
      });
    }
    const table4 = readTable4(flat, table4Bounds);
    expect(table4.kind).toBe('values');
    const table2 = readTable2(flat, table2Bounds, '2021');
    expect(table2.map((row) => row.values?.kind)).toEqual(['values', 'values', 'values', 'values', 'values', 'values']);
  });
});
