import {
  BadRequestException,
  ConflictException,
  NotFoundException,
  PayloadTooLargeException,
  ServiceUnavailableException,
  UnprocessableEntityException,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import type { AgencyImportError } from './agency-import';

/** Every refusal of the agencies module: a stable code and a Chinese message. */

/** Also for agencies the caller may not see, so that existence does not leak. */
export const agencyNotFound = () =>
  new NotFoundException({ code: 'AGENCY_NOT_FOUND', message: '机构不存在或无权查看' });

export const agencyParentNotFound = () =>
  new BadRequestException({ code: 'AGENCY_PARENT_NOT_FOUND', message: '指定的上级机构不存在' });

/** Without a code when only the database noticed (a concurrent write). */
export const agencyCodeTaken = (code?: string) =>
  new ConflictException({
    code: 'AGENCY_CODE_TAKEN',
    message: code ? `编码“${code}”已存在` : '编码已存在',
  });

export const agencyNameTaken = (name?: string) =>
  new ConflictException({
    code: 'AGENCY_NAME_TAKEN',
    message: name ? `同一上级下已有名称为“${name}”的机构` : '同一上级下已有同名机构',
  });

export const agencyCycle = () =>
  new ConflictException({
    code: 'AGENCY_CYCLE',
    message: '不能把机构移到它自己或它的下级机构之下',
  });

export const agencyHasChildren = (count: number) =>
  new ConflictException({
    code: 'AGENCY_HAS_CHILDREN',
    message: `该机构还有 ${count} 个下级机构，请先删除或移走下级机构`,
  });

export const agencyInUse = (reason: string) =>
  new ConflictException({ code: 'AGENCY_IN_USE', message: reason });

export const agencyActiveYearsInvalid = (from: number, to: number) =>
  new BadRequestException({
    code: 'AGENCY_ACTIVE_YEARS_INVALID',
    message: `起始年度 ${from} 不能晚于终止年度 ${to}`,
  });

/** A refused import lists at most this many problems; a wholly wrong file would otherwise list thousands. */
export const AGENCY_IMPORT_MAX_ERRORS = 200;

export const agencyImportInvalid = (errors: readonly AgencyImportError[]) =>
  new UnprocessableEntityException({
    code: 'AGENCY_IMPORT_INVALID',
    message:
      errors.length > AGENCY_IMPORT_MAX_ERRORS
        ? `导入文件有 ${errors.length} 处错误（仅列出前 ${AGENCY_IMPORT_MAX_ERRORS} 处），未导入任何数据`
        : `导入文件有 ${errors.length} 处错误，未导入任何数据`,
    errors: errors.slice(0, AGENCY_IMPORT_MAX_ERRORS),
  });

export const AGENCY_IMPORT_MAX_BYTES = 5 * 1024 * 1024;

export const agencyImportFileMissing = () =>
  new BadRequestException({
    code: 'AGENCY_IMPORT_FILE_MISSING',
    message: '请以 multipart/form-data 表单字段 file 上传一个 .csv 或 .xlsx 文件',
  });

export const agencyImportTooLarge = () =>
  new PayloadTooLargeException({
    code: 'AGENCY_IMPORT_TOO_LARGE',
    message: '导入文件不能超过 5 MB',
  });

export const agencyImportUnsupportedFormat = () =>
  new UnsupportedMediaTypeException({
    code: 'AGENCY_IMPORT_UNSUPPORTED_FORMAT',
    message: '仅支持 .csv 或 .xlsx 文件（旧版 .xls 请在 Excel 中另存为 .xlsx）',
  });

/** Another change to the tree held its lock longer than an import waits (lock_timeout). */
export const agencyTreeBusy = () =>
  new ServiceUnavailableException({
    code: 'AGENCY_TREE_BUSY',
    message: '机构树正被另一项操作修改，请稍后重试导入',
  });

/** One batch of an import ran past statement_timeout: the whole import is rolled back. */
export const agencyImportTimedOut = (seconds: number) =>
  new ServiceUnavailableException({
    code: 'AGENCY_IMPORT_TIMEOUT',
    message: `导入的一批数据写入超过 ${seconds} 秒，已全部撤销，未导入任何数据，请稍后重试或拆分文件`,
  });

/** The client went away before the import was written: nothing is committed for nobody. */
export const agencyImportAbandoned = () =>
  new BadRequestException({
    code: 'AGENCY_IMPORT_ABANDONED',
    message: '导入请求已被客户端取消，未导入任何数据',
  });
