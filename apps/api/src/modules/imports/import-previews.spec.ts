import { createHash } from 'node:crypto';
import { changesSincePreview } from './import-previews.service';

const sha = (text: string) => createHash('sha256').update(text).digest('hex');
const entry = (path: string, text: string) => ({ path, bytes: Buffer.from(text) });

describe('changesSincePreview: the zip sent to confirm against the previewed one', () => {
  const preview = { manifestSha256: sha('file,year\n') };
  const files = [
    { path: 'a.txt', sha256: sha('a') },
    { path: 'b.txt', sha256: sha('b') },
  ];
  const manifest = Buffer.from('file,year\n');

  it('finds nothing when every file and the manifest hash the same', () => {
    expect(changesSincePreview(preview, files, { manifest }, [entry('a.txt', 'a'), entry('b.txt', 'b')])).toEqual([]);
  });

  it('names a changed, an added and a removed file', () => {
    expect(
      changesSincePreview(preview, files, { manifest }, [entry('a.txt', 'a!'), entry('c.txt', 'c')]),
    ).toEqual([
      { path: 'a.txt', change: 'changed' },
      { path: 'c.txt', change: 'added' },
      { path: 'b.txt', change: 'removed' },
    ]);
  });

  it('counts manifest.csv like any file: changed, added or dropped', () => {
    const same = [entry('a.txt', 'a'), entry('b.txt', 'b')];
    expect(changesSincePreview(preview, files, { manifest: Buffer.from('file\n') }, same)).toEqual([
      { path: 'manifest.csv', change: 'changed' },
    ]);
    expect(changesSincePreview(preview, files, { manifest: null }, same)).toEqual([
      { path: 'manifest.csv', change: 'removed' },
    ]);
    expect(changesSincePreview({ manifestSha256: null }, files, { manifest }, same)).toEqual([
      { path: 'manifest.csv', change: 'added' },
    ]);
  });

  it('sees a file moved to another folder as removed and added', () => {
    expect(changesSincePreview(preview, files, { manifest }, [entry('x/a.txt', 'a'), entry('b.txt', 'b')])).toEqual([
      { path: 'x/a.txt', change: 'added' },
      { path: 'a.txt', change: 'removed' },
    ]);
  });
});
