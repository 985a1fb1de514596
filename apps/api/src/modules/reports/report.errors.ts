import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  NotFoundException,
  PayloadTooLargeException,
  ServiceUnavailableException,
  UnprocessableEntityException,
} from '@nestjs/common';
import { formatByteSize } from '@atlas/report-parser';
import { REPORT_STATUS_LABELS, type ReportStatus } from './report-status';
import { yearMismatchMessage } from './report-year';

/** Every refusal of the reports module: a stable code and a Chinese message. */

/** Also for reports the caller may not see, so that existence does not leak. */
export const reportNotFound = () =>
  new NotFoundException({ code: 'REPORT_NOT_FOUND', message: '报告不存在或无权查看' });

export const reportVersionNotFound = (version: number) =>
  new NotFoundException({ code: 'REPORT_VERSION_NOT_FOUND', message: `报告没有第 ${version} 版` });

/** A path segment that is no version number names no version either. */
export const versionNumberInvalid = () =>
  new NotFoundException({ code: 'REPORT_VERSION_NOT_FOUND', message: '版本号无效' });

export const reportOriginalMissing = (version: number) =>
  new NotFoundException({
    code: 'REPORT_ORIGINAL_NOT_FOUND',
    message: `第 ${version} 版没有原始文件`,
  });

export const uploadForOtherAgency = () =>
  new ForbiddenException({ code: 'FORBIDDEN', message: '只能为本单位上传或修改年报' });

export const notReportOwner = () =>
  new ForbiddenException({
    code: 'FORBIDDEN',
    message: '只有本单位填报人员或管理员可以执行此操作',
  });

export const notReviewer = () =>
  new ForbiddenException({
    code: 'FORBIDDEN',
    message: '只有负责该单位的监督人员或管理员可以审核年报',
  });

export const reportSourceMissing = () =>
  new BadRequestException({
    code: 'REPORT_SOURCE_MISSING',
    message:
      '请以 multipart/form-data 字段 file 上传年报文件，或以 JSON 字段 text 粘贴年报全文（二者选一）',
  });

export const reportSourceAmbiguous = () =>
  new BadRequestException({
    code: 'REPORT_SOURCE_AMBIGUOUS',
    message: '请只提供文件 file 或文本 text 之一',
  });

export const malformedMultipart = () =>
  new BadRequestException({
    code: 'MALFORMED_MULTIPART',
    message: '上传的表单数据不完整或格式错误，请重新上传',
  });

export const uploadTooLarge = (limitBytes: number) =>
  new PayloadTooLargeException({
    code: 'PAYLOAD_TOO_LARGE',
    message: `上传内容超过 ${formatByteSize(limitBytes)} 的大小限制`,
  });

export const reportDuplicate = (version: number) =>
  new ConflictException({
    code: 'REPORT_DUPLICATE',
    message: `同一文件已上传过，即本报告第 ${version} 版，无需重复上传`,
  });

export const reportLocked = () =>
  new ConflictException({
    code: 'REPORT_LOCKED',
    message: '报告已被接收，不能再上传或更正；如确需修改，请联系监督人员重新打开',
  });

export const reportAwaitingReview = () =>
  new ConflictException({
    code: 'REPORT_AWAITING_REVIEW',
    message:
      '报告已报送、正在等待审核，批量导入不会替换已报送的版本；如确需修改，请在报告页面重新上传，或待退回后再导入',
  });

export const reportNotEditable = (status: ReportStatus) =>
  new ConflictException({
    code: 'REPORT_NOT_EDITABLE',
    message: `报告当前状态为“${REPORT_STATUS_LABELS[status]}”，不能更正；请重新上传，或等待审核结果`,
  });

export const invalidTransition = (status: ReportStatus, step: string) =>
  new ConflictException({
    code: 'INVALID_TRANSITION',
    message: `报告当前状态为“${REPORT_STATUS_LABELS[status]}”，不能${step}`,
  });

export const yearMismatch = (parsedYear: number, declaredYear: number) =>
  new UnprocessableEntityException({
    code: 'YEAR_MISMATCH',
    message: yearMismatchMessage(parsedYear, declaredYear),
  });

export const parseFailed = (code: string, message: string) =>
  new UnprocessableEntityException({ code: `PARSE_${code}`, message });

export const parseTimedOut = (seconds: number) =>
  new UnprocessableEntityException({
    code: 'PARSE_TIMEOUT',
    message: `解析超过 ${seconds} 秒仍未完成，文件可能过大或已损坏`,
  });

/** The agency's stored originals (every version's file) would pass ATLAS_STORAGE_QUOTA_MB. */
export const storageQuotaExceeded = (storedBytes: number, quotaBytes: number) =>
  new PayloadTooLargeException({
    code: 'STORAGE_QUOTA_EXCEEDED',
    message: `本单位已存储的年报原件共 ${formatByteSize(storedBytes)}，再存此文件将超过 ${formatByteSize(quotaBytes)} 的存储上限，请联系管理员`,
  });

export const parseOutOfMemory = (memoryMb: number) =>
  new UnprocessableEntityException({
    code: 'PARSE_MEMORY_LIMIT',
    message: `解析所需内存超过 ${memoryMb} MB 上限，文件可能过大或结构异常，已停止解析`,
  });

/** Every parse thread is busy and the queue is full: nothing is wrong with the file. */
export const parseBusy = (queued: number) =>
  new ServiceUnavailableException({
    code: 'PARSE_BUSY',
    message: `解析任务繁忙（已有 ${queued} 个文件在排队），请稍后重试`,
  });

export const cellNotInReport = (address: string) =>
  new BadRequestException({ code: 'CELL_NOT_FOUND', message: `报告中没有单元格 ${address}` });

export const cellValueInvalid = (address: string, problem: string) =>
  new BadRequestException({ code: 'CELL_VALUE_INVALID', message: `单元格 ${address} ${problem}` });

export const cellRepeated = (address: string) =>
  new BadRequestException({
    code: 'CELL_REPEATED',
    message: `单元格 ${address} 在同一次更正中出现了多次`,
  });

export const diffRangeInvalid = () =>
  new BadRequestException({
    code: 'VALIDATION_FAILED',
    message: '请求参数无效：from 与 to 应为不同的版本号',
  });

export const yearNotEnded = (year: number) =>
  new UnprocessableEntityException({
    code: 'YEAR_NOT_ENDED',
    message: `${year} 年度尚未结束：年度报告的统计期限至 ${year} 年 12 月 31 日，应在 ${year + 1} 年发布后再上传`,
  });

export const deadlineNotFound = () =>
  new NotFoundException({ code: 'DEADLINE_NOT_FOUND', message: '截止日期不存在或已删除' });

export const deadlineBeforeYearEnd = (year: number) =>
  new BadRequestException({
    code: 'DEADLINE_TOO_EARLY',
    message: `${year} 年度报告的截止日期应晚于 ${year}-12-31`,
  });
