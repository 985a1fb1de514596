import { runCli } from './program';
import { displayWidth, formatTable } from './text-table';

function capture() {
  const buffers = { out: '', err: '' };
  return {
    buffers,
    io: {
      out: (text: string) => (buffers.out += text),
      err: (text: string) => (buffers.err += text),
    },
  };
}

describe('atlas', () => {
  it('prints help listing its commands', async () => {
    const { io, buffers } = capture();
    expect(await runCli(['--help'], io)).toBe(0);
    expect(buffers.out).toContain('Usage: atlas');
    expect(buffers.out).toContain('rules');
  });

  it('prints its version', async () => {
    const { io, buffers } = capture();
    expect(await runCli(['--version'], io)).toBe(0);
    expect(buffers.out.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('exits 2 on an unknown command', async () => {
    const { io, buffers } = capture();
    expect(await runCli(['frobnicate'], io)).toBe(2);
    expect(buffers.err).toContain("unknown command 'frobnicate'");
  });

  it('lists every check rule with its severity', async () => {
    const { io, buffers } = capture();
    expect(await runCli(['rules'], io)).toBe(0);
    for (const id of [
      'T3.BALANCE',
      'T3.OUTCOMES',
      'T3.ROWSUM',
      'T4.TOTAL',
      'X.CARRY',
      'T2.STOCK',
      'F.AMBIGUOUS',
    ]) {
      expect(buffers.out).toContain(id);
    }
    expect(buffers.out).toContain('表三收支平衡');
  });

  it('prints the rules as JSON on request', async () => {
    const { io, buffers } = capture();
    expect(await runCli(['rules', '--json'], io)).toBe(0);
    const rules = JSON.parse(buffers.out) as { id: string; severity: string }[];
    expect(rules.find((rule) => rule.id === 'X.CARRY')?.severity).toBe('error');
  });
});

describe('formatTable', () => {
  it('counts Chinese characters as two columns so columns line up', () => {
    expect(displayWidth('表三abc')).toBe(7);
    const lines = formatTable(
      ['a', 'b'],
      [
        ['表三', 'x'],
        ['T3', 'y'],
      ],
    ).split('\n');
    const column = (line: string | undefined, char: string) =>
      displayWidth((line ?? '').slice(0, (line ?? '').indexOf(char)));
    expect(column(lines[2], 'x')).toBe(6);
    expect(column(lines[3], 'y')).toBe(6);
  });
});
