import { jsonSlices } from './large-json.interceptor';

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
