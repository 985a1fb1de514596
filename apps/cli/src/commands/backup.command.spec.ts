import { runCli } from '../program';

function capture() {
  const buffers = { out: '', err: '' };
  const io = {
    out: (text: string) => (buffers.out += text),
    err: (text: string) => (buffers.err += text),
  };
  return { io, buffers };
}

describe('atlas backup / restore', () => {
  it('are listed, and restore offers --wipe', async () => {
    const help = capture();
    expect(await runCli(['--help'], help.io)).toBe(0);
    expect(help.buffers.out).toMatch(/backup <file>/);
    expect(help.buffers.out).toMatch(/restore \[options\] <file>/);
    const restore = capture();
    expect(await runCli(['restore', '--help'], restore.io)).toBe(0);
    expect(restore.buffers.out).toContain('--wipe');
  });

  it('need a file (exit 2, before anything is built or touched)', async () => {
    for (const command of ['backup', 'restore']) {
      const { io, buffers } = capture();
      expect(await runCli([command], io)).toBe(2);
      expect(buffers.err).toContain("missing required argument 'file'");
    }
  });
});
