import type { BulletinFormat, BulletinQuery } from '@atlas/api-contract';
import { download, type DownloadedFile } from './request';

/* The 通报 (apps/api bulletins.controller.ts): a region's notice on a year's annual reports. */

export type { BulletinFormat } from '@atlas/api-contract';

/** `GET /api/bulletins/{year}` as DOCX (with its charts) or XLSX (the same lists). */
export function downloadBulletin(
  year: number,
  format: BulletinFormat,
  scope?: string | null,
): Promise<DownloadedFile> {
  const query: BulletinQuery = { format, ...(scope ? { scope } : {}) };
  return download(`/bulletins/${year}`, { query: { ...query } });
}
