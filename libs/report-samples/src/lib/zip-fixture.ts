import { strToU8, zipSync } from 'fflate';

/** Zips named parts (text is stored as UTF-8) with deflate. */
export function buildZip(
  parts: Record<string, string | Uint8Array>,
  level: 0 | 6 | 9 = 6,
): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  for (const [name, content] of Object.entries(parts)) {
    files[name] = typeof content === 'string' ? strToU8(content) : content;
  }
  return zipSync(files, { level });
}

/**
 * Rewrites the uncompressed size that the local header and the central directory declare for
 * one entry, leaving the data alone: a zip that lies about what it unpacks to.
 */
export function withDeclaredSize(
  zip: Uint8Array,
  entryName: string,
  declaredSize: number,
): Uint8Array {
  const out = zip.slice();
  const view = new DataView(out.buffer);
  const name = strToU8(entryName);
  const nameAt = (at: number): boolean => name.every((byte, i) => out[at + i] === byte);
  for (let at = 0; at + 46 < out.length; at++) {
    const signature = view.getUint32(at, true);
    if (
      signature === 0x04034b50 &&
      view.getUint16(at + 26, true) === name.length &&
      nameAt(at + 30)
    ) {
      view.setUint32(at + 22, declaredSize, true);
    } else if (
      signature === 0x02014b50 &&
      view.getUint16(at + 28, true) === name.length &&
      nameAt(at + 46)
    ) {
      view.setUint32(at + 24, declaredSize, true);
    }
  }
  return out;
}
