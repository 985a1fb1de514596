import { createHash } from 'node:crypto';
import type { SourceFormat } from '@atlas/report-parser';
import { storableFileName } from '../../common/http/file-name';

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Stored by what the parser found the file to be, not by what the browser claimed. */
export const MEDIA_TYPES: Record<SourceFormat, string> = {
  text: 'text/plain',
  markdown: 'text/markdown',
  html: 'text/html',
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** The name pasted text is stored under when the client gives none. */
export const PASTED_TEXT_FILE_NAME = '粘贴文本.txt';

export const MAX_FILE_NAME_LENGTH = 255;

/** A name safe to store and show: no path, no control or bidi characters, not empty. */
export function cleanFileName(name: string, fallback: string): string {
  return storableFileName(name, fallback, MAX_FILE_NAME_LENGTH);
}
