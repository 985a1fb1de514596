import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  ParseIntPipe,
  Patch,
  Post,
  Query,
  Req,
  StreamableFile,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiProduces,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Request } from 'express';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser, Roles } from '../../common/auth/auth.decorators';
import { requestAddress } from '../../common/http/request-address';
import { CorrectCellsDto } from './dto/correct-cells.dto';
import {
  CopiedReportPageDto,
  CopiedReportsQueryDto,
  ReportCopyComparisonDto,
} from './dto/copies.dto';
import { DiffQueryDto } from './dto/diff-query.dto';
import { ListReportsQueryDto } from './dto/list-reports-query.dto';
import {
  ReportDetailDto,
  ReportDiffDto,
  ReportEventDto,
  ReportPageDto,
  ReportPreviewDto,
  ReportVersionDetailDto,
  ReportWriteResultDto,
} from './dto/report.dto';
import { ReopenReportDto, ReturnReportDto } from './dto/review-report.dto';
import {
  PreviewReportDto,
  PreviewReportFormDto,
  UploadReportDto,
  UploadReportFormDto,
} from './dto/upload-report.dto';
import { reportSourceAmbiguous, reportSourceMissing, versionNumberInvalid } from './report.errors';
import { attachmentDisposition } from '../../common/http/attachment';
import { RateLimited } from '../../common/http/rate-limit';
import { cleanFileName, PASTED_TEXT_FILE_NAME } from './report-file';
import { ReportQueriesService } from './report-queries.service';
import { ReportCopiesService } from './report-copies.service';
import type { UploadedReportFile } from './report-upload.interceptor';
import { ReportUploadInterceptor } from './report-upload.interceptor';
import { SerializedJson } from '../../common/http/large-json.interceptor';
import { type ReportActor, type ReportSource, ReportsService } from './reports.service';

const PARSE_FAILURE_CODES =
  'PARSE_EMPTY_FILE, PARSE_UNSUPPORTED_TYPE, PARSE_CORRUPT_FILE, PARSE_ENCRYPTED_PDF, PARSE_NO_TEXT_LAYER, ' +
  'PARSE_TOO_LARGE, PARSE_NOT_A_REPORT, PARSE_TIMEOUT, PARSE_FAILED';

/** A version number in the path; anything else names no version (404, like a missing one). */
const versionPipe = new ParseIntPipe({ exceptionFactory: () => versionNumberInvalid() });

@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class ReportsController {
  constructor(
    private readonly reports: ReportsService,
    private readonly queries: ReportQueriesService,
    private readonly copies: ReportCopiesService,
  ) {}

  // Fixed paths (preview) are declared before `:id` so that they are not taken for ids.

  @Post()
  @Roles('uploader', 'admin')
  @RateLimited('upload')
  @UseInterceptors(ReportUploadInterceptor)
  @ApiOperation({
    summary:
      '上传年报 / upload a report (file or pasted text): parse, check, store a new draft version',
    description:
      'multipart/form-data（file, agencyId, year）或 JSON（agencyId, year, text, fileName?）。' +
      '文件中的年度（标题或统计期间）与所选年度不同则拒绝（YEAR_MISMATCH），仅正文或文件名中的年度不同则给出提示（warnings）。',
  })
  @ApiConsumes('multipart/form-data', 'application/json')
  @ApiBody({ type: UploadReportFormDto })
  @ApiCreatedResponse({ type: ReportWriteResultDto })
  @ApiBadRequestResponse({
    description:
      'VALIDATION_FAILED, REPORT_SOURCE_MISSING, REPORT_SOURCE_AMBIGUOUS, MALFORMED_MULTIPART',
  })
  @ApiForbiddenResponse({ description: 'an uploader of another agency; oversight users' })
  @ApiNotFoundResponse({ description: 'AGENCY_NOT_FOUND' })
  @ApiConflictResponse({
    description: 'REPORT_DUPLICATE (same file already uploaded), REPORT_LOCKED (accepted)',
  })
  @ApiPayloadTooLargeResponse({ description: 'PAYLOAD_TOO_LARGE (ATLAS_UPLOAD_LIMIT_MB)' })
  @ApiUnprocessableEntityResponse({
    description: `YEAR_MISMATCH, ${PARSE_FAILURE_CODES}; nothing is stored`,
  })
  upload(
    @CurrentUser() user: AuthUser,
    @Req() request: Request,
    @Body() body: UploadReportDto,
    @UploadedFile() file: UploadedReportFile | undefined,
  ): Promise<ReportWriteResultDto> {
    return this.reports.upload(
      actorOf(user, request),
      body.agencyId,
      body.year,
      sourceOf(file, body),
    );
  }

  @Post('preview')
  @HttpCode(HttpStatus.OK)
  @RateLimited('upload')
  @UseInterceptors(ReportUploadInterceptor)
  @ApiOperation({ summary: '预览解析 / parse and check a file or pasted text without storing it' })
  @ApiConsumes('multipart/form-data', 'application/json')
  @ApiBody({ type: PreviewReportFormDto })
  @ApiOkResponse({ type: ReportPreviewDto })
  @ApiPayloadTooLargeResponse({ description: 'PAYLOAD_TOO_LARGE' })
  @ApiUnprocessableEntityResponse({ description: PARSE_FAILURE_CODES })
  async preview(
    @CurrentUser() user: AuthUser,
    @Body() body: PreviewReportDto,
    @UploadedFile() file: UploadedReportFile | undefined,
  ): Promise<SerializedJson> {
    const json = await this.reports.preview(user, sourceOf(file, body), body.agencyId, body.year);
    return new SerializedJson(json);
  }

  @Get()
  @ApiOperation({ summary: '年报列表 / reports the caller may see, newest change first' })
  @ApiOkResponse({ type: ReportPageDto })
  @ApiNotFoundResponse({ description: 'AGENCY_NOT_FOUND (agencyId not visible)' })
  list(@CurrentUser() user: AuthUser, @Query() query: ListReportsQueryDto): Promise<ReportPageDto> {
    return this.queries.list(user, query);
  }

  @Get('copies')
  @ApiOperation({
    summary:
      "内容雷同报告 / the copied parts (N.COPIED) of a year's reports in a region the caller sees, most similar first",
  })
  @ApiOkResponse({ type: CopiedReportPageDto })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED (year missing or out of range)' })
  @ApiNotFoundResponse({ description: 'AGENCY_NOT_FOUND (scope not visible)' })
  copiedReports(
    @CurrentUser() user: AuthUser,
    @Query() query: CopiedReportsQueryDto,
  ): Promise<CopiedReportPageDto> {
    return this.copies.list(user, query);
  }

  @Get(':id')
  @ApiOperation({
    summary: '年报详情 / the current version, its findings, all versions, deadline and timeliness',
  })
  @ApiOkResponse({ type: ReportDetailDto })
  @ApiNotFoundResponse({ description: 'REPORT_NOT_FOUND, also when not visible to the caller' })
  get(@CurrentUser() user: AuthUser, @Param('id') id: string): Promise<ReportDetailDto> {
    return this.queries.get(user, id);
  }

  @Get(':id/versions/:version')
  @ApiOperation({
    summary: '历史版本 / one version: canonical report, findings, provenance, corrections',
  })
  @ApiOkResponse({ type: ReportVersionDetailDto })
  @ApiNotFoundResponse({ description: 'REPORT_NOT_FOUND, REPORT_VERSION_NOT_FOUND' })
  version(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Param('version', versionPipe) version: number,
  ): Promise<ReportVersionDetailDto> {
    return this.queries.version(user, id, version);
  }

  @Get(':id/versions/:version/original')
  @ApiOperation({ summary: '原始文件 / the bytes as uploaded (pasted text as a .txt file)' })
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  @ApiNotFoundResponse({
    description: 'REPORT_NOT_FOUND, REPORT_VERSION_NOT_FOUND, REPORT_ORIGINAL_NOT_FOUND',
  })
  async original(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Param('version', versionPipe) version: number,
    @Req() request: Request,
  ): Promise<StreamableFile> {
    const file = await this.queries.original(user, id, version, requestAddress(request));
    // Always an attachment: an uploaded HTML file must never render inside the application's origin.
    return new StreamableFile(file.content, {
      type: file.mediaType,
      disposition: attachmentDisposition(file.fileName),
      length: file.content.length,
    });
  }

  @Get(':id/diff')
  @ApiOperation({ summary: '版本比较 / cells whose values differ between two versions' })
  @ApiOkResponse({ type: ReportDiffDto })
  @ApiNotFoundResponse({ description: 'REPORT_NOT_FOUND, REPORT_VERSION_NOT_FOUND' })
  diff(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Query() query: DiffQueryDto,
  ): Promise<ReportDiffDto> {
    return this.queries.diff(user, id, query.from, query.to);
  }

  @Get(':id/history')
  @ApiOperation({
    summary:
      '流程记录 / upload, correct (with the cells changed), submit, accept, return and reopen steps, oldest first',
  })
  @ApiOkResponse({ type: [ReportEventDto] })
  @ApiNotFoundResponse({ description: 'REPORT_NOT_FOUND' })
  history(@CurrentUser() user: AuthUser, @Param('id') id: string): Promise<ReportEventDto[]> {
    return this.queries.history(user, id);
  }

  @Get(':id/copies')
  @ApiOperation({
    summary:
      "雷同对照 / per N.COPIED finding: this report's part and the other report's same part, shared sentences marked, boilerplate as such",
  })
  @ApiOkResponse({ type: [ReportCopyComparisonDto] })
  @ApiNotFoundResponse({ description: 'REPORT_NOT_FOUND, also when not visible to the caller' })
  copyComparisons(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
  ): Promise<ReportCopyComparisonDto[]> {
    return this.copies.comparisons(user, id);
  }

  @Patch(':id/cells')
  @Roles('uploader', 'admin')
  @ApiOperation({
    summary:
      '更正单元格 / correct cells of a draft (a returned report gets a new draft version first)',
  })
  @ApiOkResponse({ type: ReportWriteResultDto, description: 'the recomputed findings' })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED, CELL_NOT_FOUND, CELL_REPEATED' })
  @ApiNotFoundResponse({ description: 'REPORT_NOT_FOUND' })
  @ApiConflictResponse({ description: 'REPORT_NOT_EDITABLE (submitted), REPORT_LOCKED (accepted)' })
  correct(
    @CurrentUser() user: AuthUser,
    @Req() request: Request,
    @Param('id') id: string,
    @Body() body: CorrectCellsDto,
  ): Promise<ReportWriteResultDto> {
    return this.reports.correct(actorOf(user, request), id, body);
  }

  @Post(':id/submit')
  @HttpCode(HttpStatus.OK)
  @Roles('uploader', 'admin')
  @ApiOperation({ summary: '报送 / draft → submitted; records whether it is on time' })
  @ApiOkResponse({ type: ReportWriteResultDto })
  @ApiNotFoundResponse({ description: 'REPORT_NOT_FOUND' })
  @ApiConflictResponse({ description: 'INVALID_TRANSITION' })
  submit(
    @CurrentUser() user: AuthUser,
    @Req() request: Request,
    @Param('id') id: string,
  ): Promise<ReportWriteResultDto> {
    return this.reports.submit(actorOf(user, request), id);
  }

  @Post(':id/accept')
  @HttpCode(HttpStatus.OK)
  @Roles('oversight', 'admin')
  @ApiOperation({ summary: '接收 / submitted → accepted (locked)' })
  @ApiOkResponse({ type: ReportWriteResultDto })
  @ApiNotFoundResponse({ description: 'REPORT_NOT_FOUND' })
  @ApiConflictResponse({ description: 'INVALID_TRANSITION' })
  accept(
    @CurrentUser() user: AuthUser,
    @Req() request: Request,
    @Param('id') id: string,
  ): Promise<ReportWriteResultDto> {
    return this.reports.review(actorOf(user, request), id, 'accept', null);
  }

  @Post(':id/return')
  @HttpCode(HttpStatus.OK)
  @Roles('oversight', 'admin')
  @ApiOperation({ summary: '退回 / submitted → returned, with a comment' })
  @ApiOkResponse({ type: ReportWriteResultDto })
  @ApiNotFoundResponse({ description: 'REPORT_NOT_FOUND' })
  @ApiConflictResponse({ description: 'INVALID_TRANSITION' })
  returnReport(
    @CurrentUser() user: AuthUser,
    @Req() request: Request,
    @Param('id') id: string,
    @Body() body: ReturnReportDto,
  ): Promise<ReportWriteResultDto> {
    return this.reports.review(actorOf(user, request), id, 'return', body.comment);
  }

  @Post(':id/reopen')
  @HttpCode(HttpStatus.OK)
  @Roles('oversight', 'admin')
  @ApiOperation({
    summary: '重新打开 / accepted → returned, with a reason; the unit corrects or re-uploads',
  })
  @ApiOkResponse({ type: ReportWriteResultDto })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED (reason missing or too long)' })
  @ApiNotFoundResponse({ description: 'REPORT_NOT_FOUND' })
  @ApiConflictResponse({ description: 'INVALID_TRANSITION (not accepted)' })
  reopen(
    @CurrentUser() user: AuthUser,
    @Req() request: Request,
    @Param('id') id: string,
    @Body() body: ReopenReportDto,
  ): Promise<ReportWriteResultDto> {
    return this.reports.review(actorOf(user, request), id, 'reopen', body.reason);
  }
}

function actorOf(user: AuthUser, request: Request): ReportActor {
  return { user, address: requestAddress(request) };
}

/** Exactly one of an uploaded file and pasted text; pasted text is stored as a UTF-8 file. */
function sourceOf(
  file: UploadedReportFile | undefined,
  body: { text?: string; fileName?: string },
): ReportSource {
  if (file && body.text !== undefined) throw reportSourceAmbiguous();
  if (file) return { bytes: file.buffer, fileName: cleanFileName(file.originalname, 'report') };
  if (body.text === undefined || body.text.trim() === '') throw reportSourceMissing();
  return {
    bytes: Buffer.from(body.text, 'utf8'),
    fileName: cleanFileName(body.fileName ?? '', PASTED_TEXT_FILE_NAME),
  };
}
