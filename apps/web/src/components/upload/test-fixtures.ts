import type { ImportPreviewFile } from '../../api/imports';

/** Files of a bulk import as a preview lists them (the specs of the import components). */

/** A report read and placed: it will be imported once the preview is confirmed. */
export function readyFile(overrides: Partial<ImportPreviewFile> = {}): ImportPreviewFile {
  return {
    fileName: 'a/2023.txt',
    size: 2048,
    sha256: 'a'.repeat(64),
    agencyId: 'a0000000-0000-4000-8000-000000000001',
    agencyCode: 'QS-D11',
    agencyName: '青山县自然资源局',
    year: 2023,
    inferred: {},
    status: 'ready',
    format: 'text',
    findingCounts: { errors: 0, warnings: 0 },
    code: null,
    message: null,
    ...overrides,
  };
}

/** A file that is no report: it will not be imported, and the preview says why. */
export function unreadableFile(): ImportPreviewFile {
  return readyFile({
    fileName: 'broken.pdf',
    size: 12,
    sha256: 'b'.repeat(64),
    agencyId: null,
    agencyCode: null,
    agencyName: null,
    year: null,
    status: 'failed',
    format: null,
    findingCounts: null,
    code: 'PARSE_NOT_A_REPORT',
    message: '文件中没有找到年度报告的表格',
  });
}
