import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  HttpException,
  HttpStatus,
  NotFoundException,
  PayloadTooLargeException,
  UnprocessableEntityException,
} from '@nestjs/common';
import { formatByteSize } from '@atlas/report-parser';
import { FIRST_REPORT_YEAR } from '../../common/reporting-calendar';

/** Every refusal of the imports module: a stable code and a Chinese message. */

// ── refusing the request (nothing is written) ────────────────────────────────────────────────

export const importFileMissing = () =>
  new BadRequestException({
    code: 'IMPORT_FILE_MISSING',
    message: '请以 multipart/form-data 表单字段 file 上传一个 .zip 压缩包',
  });

export const importMalformedMultipart = () =>
  new BadRequestException({
    code: 'MALFORMED_MULTIPART',
    message: '上传的表单数据不完整或格式错误，请重新上传',
  });

export const importUploadTooLarge = (limitBytes: number) =>
  new PayloadTooLargeException({
    code: 'IMPORT_ARCHIVE_TOO_LARGE',
    message: `压缩包不能超过 ${formatByteSize(limitBytes)}，请分成几个压缩包导入`,
  });

export const notAZip = () =>
  new UnprocessableEntityException({
    code: 'IMPORT_NOT_A_ZIP',
    message: '上传的文件不是 zip 压缩包（rar、7z 等请先另存为 zip）',
  });

export const archiveIsADocument = (kind: string) =>
  new UnprocessableEntityException({
    code: 'IMPORT_NOT_AN_ARCHIVE_OF_REPORTS',
    message: `上传的是一个${kind}，不是装有年报文件的 zip 压缩包；单个年报请在“上传年报”中直接上传，批量导入请把年报文件打包成 zip`,
  });

export const archiveCorrupt = () =>
  new UnprocessableEntityException({
    code: 'IMPORT_ZIP_CORRUPT',
    message: '压缩包已损坏或已加密，无法解压；请重新打包（不要设置密码）',
  });

export const archiveEmpty = () =>
  new UnprocessableEntityException({
    code: 'IMPORT_ZIP_EMPTY',
    message: '压缩包中没有可导入的年报文件',
  });

export const archiveUnsafePath = (path: string) =>
  new UnprocessableEntityException({
    code: 'IMPORT_ZIP_UNSAFE_PATH',
    message: `压缩包中的路径“${path}”指向压缩包之外（绝对路径或含 ..），已拒绝整个压缩包`,
  });

export const archiveNested = (path: string) =>
  new UnprocessableEntityException({
    code: 'IMPORT_ZIP_NESTED',
    message: `压缩包中不能再包含压缩包（${path}），请解压后把年报文件直接放入压缩包`,
  });

export const archiveUnsupportedCompression = (path: string) =>
  new UnprocessableEntityException({
    code: 'IMPORT_ZIP_UNSUPPORTED',
    message: `文件“${path}”使用了不支持的压缩方式，请用常见的 zip 工具（deflate）重新打包`,
  });

export const archiveTooManyFiles = (limit: number) =>
  new UnprocessableEntityException({
    code: 'IMPORT_TOO_MANY_FILES',
    message: `一次最多导入 ${limit} 个文件，请分成几个压缩包导入`,
  });

export const archiveTooLarge = (limitBytes: number) =>
  new PayloadTooLargeException({
    code: 'IMPORT_ARCHIVE_TOO_LARGE',
    message: `压缩包解压后超过 ${formatByteSize(limitBytes)}，请分成几个压缩包导入`,
  });

/** A problem in manifest.csv; `row` as a spreadsheet shows it (the header is row 1). */
export interface ManifestProblem {
  readonly row: number | null;
  readonly column: 'file' | 'agency_code' | 'year' | null;
  readonly message: string;
}

export const MANIFEST_MAX_PROBLEMS = 100;

export const manifestInvalid = (problems: readonly ManifestProblem[]) =>
  new UnprocessableEntityException({
    code: 'IMPORT_MANIFEST_INVALID',
    message: `manifest.csv 有 ${problems.length} 处错误，未导入任何文件`,
    errors: problems.slice(0, MANIFEST_MAX_PROBLEMS),
  });

export const importForOtherAgency = (row: number, code: string) =>
  new ForbiddenException({
    code: 'FORBIDDEN',
    message: `只能导入本单位的年报：manifest.csv 第 ${row} 行的单位编码“${code}”不是本单位`,
  });

export const importNotFound = () =>
  new NotFoundException({ code: 'IMPORT_NOT_FOUND', message: '导入任务不存在或无权查看' });

/** How a file of the confirmed zip differs from the preview. */
export interface PreviewChange {
  readonly path: string;
  readonly change: 'changed' | 'added' | 'removed';
}

const PREVIEW_CHANGE_LABELS: Readonly<Record<PreviewChange['change'], string>> = {
  changed: '内容与预览时不同',
  added: '预览时没有',
  removed: '预览后被删除',
};

const describeChange = (change: PreviewChange) => `“${change.path}”${PREVIEW_CHANGE_LABELS[change.change]}`;

export const importPreviewExpired = () =>
  new ConflictException({
    code: 'IMPORT_PREVIEW_EXPIRED',
    message: '预览已过期或不存在（预览保留 24 小时，且只能确认一次），未导入任何文件；请重新预览后再确认导入',
  });

export const importPreviewChanged = (changes: readonly PreviewChange[]) =>
  new ConflictException({
    code: 'IMPORT_PREVIEW_CHANGED',
    message:
      `压缩包在预览后有 ${changes.length} 个文件变了（` +
      changes
        .slice(0, 3)
        .map(describeChange)
        .join('，') +
      `${changes.length > 3 ? '，……' : ''}），未导入任何文件；请重新预览，确认无误后再导入`,
    // One entry a file, in the shape the error filter passes on (`errors`).
    errors: changes.slice(0, MANIFEST_MAX_PROBLEMS).map((change) => ({ ...change, message: describeChange(change) })),
  });

// ── one file's failure (the job goes on) ─────────────────────────────────────────────────────

export interface ItemFailure {
  readonly code: string;
  readonly message: string;
}

export const itemFileTooLarge = (limitBytes: number): ItemFailure => ({
  code: 'IMPORT_FILE_TOO_LARGE',
  message: `文件超过 ${formatByteSize(limitBytes)} 的大小限制，未导入`,
});

export const itemAgencyCodeUnknown = (code: string): ItemFailure => ({
  code: 'IMPORT_AGENCY_NOT_FOUND',
  message: `单位编码“${code}”不存在或无权导入`,
});

export const itemAgencyNameMissing = (): ItemFailure => ({
  code: 'IMPORT_AGENCY_MISSING',
  message: '未能从文件中读出单位名称，请在 manifest.csv 中填写单位编码（agency_code）',
});

export const itemAgencyNameUnknown = (name: string): ItemFailure => ({
  code: 'IMPORT_AGENCY_UNKNOWN',
  message: `文件中的单位名称“${name}”与系统中的单位名称都不完全一致，请在 manifest.csv 中填写单位编码（agency_code）`,
});

export const itemAgencyNameAmbiguous = (name: string, codes: readonly string[]): ItemFailure => ({
  code: 'IMPORT_AGENCY_AMBIGUOUS',
  message: `有 ${codes.length} 个单位名为“${name}”（编码 ${codes.join('、')}），请在 manifest.csv 中填写单位编码（agency_code）`,
});

export const itemAgencyNotOwn = (name: string, ownName: string): ItemFailure => ({
  code: 'IMPORT_AGENCY_MISMATCH',
  message: `文件中的单位名称“${name}”与本单位“${ownName}”不一致；如确为本单位的年报，请在 manifest.csv 中填写本单位编码`,
});

export const itemYearMissing = (): ItemFailure => ({
  code: 'IMPORT_YEAR_MISSING',
  message: '未能从文件中读出报告年度，请在 manifest.csv 中填写年度（year）',
});

export const itemYearOutOfRange = (year: number, latest: number): ItemFailure => ({
  code: 'IMPORT_YEAR_INVALID',
  message:
    year === latest + 1
      ? `${year} 年度尚未结束，其年度报告应在 ${year + 1} 年发布后再导入`
      : `年度 ${year} 不在 ${FIRST_REPORT_YEAR}–${latest} 之间`,
});

export const itemUnresolved = (): ItemFailure => ({
  code: 'IMPORT_UNRESOLVED',
  message: '未能确定该文件的单位或年度，请在 manifest.csv 中填写单位编码和年度',
});

export const itemCreatorUnavailable = (): ItemFailure => ({
  code: 'IMPORT_CREATOR_UNAVAILABLE',
  message: '创建导入任务的账号已停用或已删除，未导入',
});

/** One account's bulk imports waiting or running at once are bounded (ATLAS_IMPORT_JOBS_PER_ACCOUNT). */
export const importJobsLimit = (limit: number) =>
  new HttpException(
    {
      code: 'IMPORT_JOBS_LIMIT',
      message: `您已有 ${limit} 个批量导入任务在排队或进行中（每个账号最多 ${limit} 个），请等其完成后再导入`,
    },
    HttpStatus.TOO_MANY_REQUESTS,
  );
