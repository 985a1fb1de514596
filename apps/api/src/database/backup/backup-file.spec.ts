import { PassThrough, Readable } from 'node:stream';
import { BackupFileError, BackupReader, BackupWriter } from './backup-file';

/** Everything the writer produced, handed back in pieces of `size` bytes (frames split anywhere). */
async function writeThenSplit(
  write: (writer: BackupWriter) => Promise<void>,
  size: number,
): Promise<Readable> {
  const out = new PassThrough();
  const parts: Buffer[] = [];
  out.on('data', (chunk: Buffer) => parts.push(chunk));
  await write(new BackupWriter(out));
  out.end();
  const whole = Buffer.concat(parts);
  const pieces: Buffer[] = [];
  for (let at = 0; at < whole.length; at += size) pieces.push(whole.subarray(at, at + size));
  return Readable.from(pieces);
}

async function collect(pieces: AsyncIterable<Buffer>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const piece of pieces) parts.push(piece);
  return Buffer.concat(parts);
}

describe('backup file framing', () => {
  const payload = Buffer.from(Array.from({ length: 1000 }, (_, i) => (i * 7) % 256)); // newlines and all

  it.each([1, 3, 64, 100_000])(
    'reads back lines and data split into %i-byte pieces',
    async (size) => {
      const input = await writeThenSplit(async (writer) => {
        await writer.header({ format: 'test', 名称: '单位' });
        await writer.line('T', { table: 'agency' });
        await writer.data(payload);
        await writer.data(Buffer.alloc(0));
        await writer.line('E', { rows: 3 });
      }, size);
      const reader = new BackupReader(input);
      expect(JSON.parse((await reader.line()) ?? '')).toEqual({ format: 'test', 名称: '单位' });
      expect(await reader.tagged()).toMatchObject({ tag: 'T', value: { table: 'agency' } });
      const frame = await reader.tagged();
      expect(frame).toMatchObject({ tag: 'D', text: String(payload.length) });
      expect((await collect(reader.bytes(payload.length))).equals(payload)).toBe(true);
      expect(await reader.tagged()).toMatchObject({ tag: 'E', value: { rows: 3 } });
      expect(await reader.line()).toBeNull();
    },
  );

  it('says the file was cut short, mid-line or mid-frame', async () => {
    await expect(
      new BackupReader(Readable.from([Buffer.from('{"format"')])).line(),
    ).rejects.toThrow(BackupFileError);
    const reader = new BackupReader(Readable.from([Buffer.from('D 10\nabc')]));
    expect(await reader.tagged()).toMatchObject({ tag: 'D', text: '10' });
    await expect(collect(reader.bytes(10))).rejects.toThrow('备份文件不完整');
    await expect(new BackupReader(Readable.from([])).tagged()).rejects.toThrow('缺少结束标记');
  });

  it('refuses a record that is not JSON', async () => {
    await expect(
      new BackupReader(Readable.from([Buffer.from('E {oops\n')])).tagged(),
    ).rejects.toThrow('备份文件已损坏');
  });
});
