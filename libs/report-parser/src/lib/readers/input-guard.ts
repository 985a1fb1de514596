import { formatByteSize, ParseError, type ReadLimits } from '../document';

/** Refuses input that is empty or larger than `maxInputBytes`, before any parsing. */
export function assertInputSize(bytes: Uint8Array, limits: ReadLimits): void {
  if (bytes.length === 0) throw new ParseError('EMPTY_FILE', '文件为空', 'The file is empty');
  if (bytes.length > limits.maxInputBytes) {
    const limit = formatByteSize(limits.maxInputBytes);
    throw new ParseError('TOO_LARGE', `文件超过 ${limit} 上限`, `The file exceeds the ${limit} limit`);
  }
}
