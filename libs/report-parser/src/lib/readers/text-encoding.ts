import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

export interface DecodedText {
  text: string;
  encoding: TextEncoding;
}

/**
 * Decodes text whose encoding is not declared: a BOM decides; otherwise bytes that are valid
 * UTF-8 are UTF-8, and anything else is read as GB18030 (a superset of GBK and GB2312, what
 * older Chinese government sites and exported text files use).
 * `declared` (an HTML meta charset, say) wins when it names one of these.
 */
export function decodeText(bytes: Uint8Array, declared?: string): DecodedText {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: Buffer.from(bytes.buffer, bytes.byteOffset + 3, bytes.byteLength - 3).toString('utf8'), encoding: 'utf-8' };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  }
  const named = declared?.trim().toLowerCase();
  if (named && /^(gbk|gb2312|gb18030|x-gbk|cp936)$/.test(named)) {
    return { text: iconv.decode(Buffer.from(bytes), 'gb18030'), encoding: 'gb18030' };
  }
  // isUtf8 + Buffer#toString (simdutf) is many times faster than a fatal TextDecoder on Node 20.
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return isUtf8(buffer)
    ? { text: buffer.toString('utf8'), encoding: 'utf-8' }
    : { text: iconv.decode(buffer, 'gb18030'), encoding: 'gb18030' };
}
