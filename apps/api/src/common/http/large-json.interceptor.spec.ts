import { byteSlices, jsonSlices } from './large-json.interceptor';

async function joined(json: string, sliceChars: number): Promise<{ text: string; slices: number }> {
  const buffers: Buffer[] = [];
  for await (const slice of jsonSlices(json, sliceChars)) buffers.push(slice);
  return { text: Buffer.concat(buffers).toString('utf8'), slices: buffers.length };
}

describe('jsonSlices', () => {
  it('sends the whole text, slice after slice', async () => {
    const json = JSON.stringify({ text: '政府信息公开'.repeat(1000) });
    const { text, slices } = await joined(json, 100);
    expect(text).toBe(json);
    expect(slices).toBe(Math.ceil(json.length / 100));
  });

  it('never cuts a character written as a surrogate pair', async () => {
    // '𠀀' is two UTF-16 units: with 3-unit slices every second one would end inside it.
    const json = JSON.stringify('a𠀀b𠀀c𠀀d𠀀');
    const { text } = await joined(json, 3);
    expect(text).toBe(json);
    expect(text).not.toContain('\ufffd');
  });

  it('sends an empty text as nothing', async () => {
    expect((await joined('', 10)).slices).toBe(0);
  });
});

describe('byteSlices', () => {
  it('sends encoded JSON as views on its bytes, slice after slice', async () => {
    const bytes = new TextEncoder().encode(JSON.stringify({ text: '政府信息公开'.repeat(100) }));
    const slices: Buffer[] = [];
    for await (const slice of byteSlices(bytes, 64)) slices.push(slice);
    expect(slices).toHaveLength(Math.ceil(bytes.byteLength / 64));
    expect(slices.every((slice) => slice.buffer === bytes.buffer)).toBe(true);
    expect(Buffer.concat(slices).equals(Buffer.from(bytes))).toBe(true);
  });

  it('respects a view that starts inside its buffer', async () => {
    const whole = new TextEncoder().encode('xx{"a":1}yy');
    const view = whole.subarray(2, 9);
    const slices: Buffer[] = [];
    for await (const slice of byteSlices(view, 3)) slices.push(slice);
    expect(Buffer.concat(slices).toString('utf8')).toBe('{"a":1}');
  });
});
