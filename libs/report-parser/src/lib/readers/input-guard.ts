import { ParseError, type ReadLimits } from '../document';

/** Refuses input that is empty or larger than `maxInputBytes`, before any parsing. */
export function assertInputSize(bytes: Uint8Array, limits: ReadLimits): void {
  if (bytes.length === 0) throw new ParseError('EMPTY_FILE', '文件为空', 'The file is empty');
  if (bytes.length > limits.maxInputBytes) {
    const megabytes = Math.round(limits.maxInputBytes / 1024 / 1024);
    throw new ParseError(
      'TOO_LARGE',
      `文件超过 ${megabytes} MB 上限`,
      `The file exceeds the ${megabytes} MB limit`,
    );
  }
}
