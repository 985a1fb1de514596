import { storableFileName } from '../../common/http/file-name';
import { RateLimited } from '../../common/http/rate-limit';
import {
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  Query,
  Req,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
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
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Request } from 'express';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser, Roles } from '../../common/auth/auth.decorators';
import { requestAddress } from '../../common/http/request-address';
import {
  ImportCreatedDto,
  ImportJobDto,
  ImportJobPageDto,
  ImportManifestFailureDto,
  ImportPreviewDto,
} from './dto/import-job.dto';
import { ListImportsQueryDto } from './dto/list-imports-query.dto';
import { importFileMissing } from './import.errors';
import { ImportPreviewsService } from './import-previews.service';
import { ImportUploadInterceptor, type UploadedArchive } from './import-upload.interceptor';
import { type ImportArchiveUpload, ImportsService } from './imports.service';

/** The multipart form of an import, a preview and a confirmation. */
const ApiArchiveBody = () =>
  ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary', description: '.zip 压缩包' } },
    },
  });

@ApiTags('imports')
@ApiBearerAuth()
@Controller('imports')
@Roles('admin', 'uploader')
export class ImportsController {
  constructor(
    private readonly imports: ImportsService,
    private readonly previews: ImportPreviewsService,
  ) {}

  @Post()
  @HttpCode(HttpStatus.ACCEPTED)
  @RateLimited('import')
  @UseInterceptors(ImportUploadInterceptor)
  @ApiOperation({
    summary: '批量导入 / bulk import: a zip of report files, worked off in the background',
    description:
      'multipart/form-data 字段 file：一个 .zip，内含年报文件（TXT、Markdown、HTML、DOCX、PDF、XLSX），' +
      '可附 manifest.csv（列 file,agency_code,year 或 文件,单位编码,年度；未填的单位与年度从文件中推断）。' +
      '__MACOSX 与隐藏文件会被跳过；含 .. 的路径与嵌套压缩包会使整个压缩包被拒绝。' +
      '填报人员只能导入本单位的年报。返回任务编号，用 GET /api/imports/{id} 查看进度与每个文件的结果。',
  })
  @ApiConsumes('multipart/form-data')
  @ApiArchiveBody()
  @ApiAcceptedResponse({ type: ImportCreatedDto, description: 'the job is queued' })
  @ApiBadRequestResponse({ description: 'IMPORT_FILE_MISSING, MALFORMED_MULTIPART' })
  @ApiForbiddenResponse({ description: 'oversight users; an uploader whose manifest names another agency' })
  @ApiPayloadTooLargeResponse({ description: 'IMPORT_ARCHIVE_TOO_LARGE (zip over 100 MB or unpacking to over 256 MB)' })
  @ApiUnprocessableEntityResponse({
    type: ImportManifestFailureDto,
    description:
      'IMPORT_NOT_A_ZIP, IMPORT_ZIP_CORRUPT, IMPORT_ZIP_EMPTY, IMPORT_ZIP_UNSAFE_PATH, IMPORT_ZIP_NESTED, ' +
      'IMPORT_ZIP_UNSUPPORTED, IMPORT_TOO_MANY_FILES, IMPORT_MANIFEST_INVALID (with errors); nothing is written',
  })
  create(
    @CurrentUser() user: AuthUser,
    @Req() request: Request,
    @UploadedFile() file: UploadedArchive | undefined,
  ): Promise<ImportCreatedDto> {
    return this.imports.create({ user, address: requestAddress(request) }, archiveOf(file));
  }

  @Post('previews')
  @HttpCode(HttpStatus.CREATED)
  @RateLimited('import')
  @UseInterceptors(ImportUploadInterceptor)
  @ApiOperation({
    summary: '导入预览 / read every file of a zip once, without importing',
    description:
      '与 POST /api/imports 相同的压缩包。每个文件解析一次，确定单位与年度并做本报告内的检查；' +
      '解析结果按文件的 SHA-256 保存 24 小时。确认导入（POST /api/imports/previews/{id}/confirm）时导入的就是这里的解析结果，不再重新解析。',
  })
  @ApiConsumes('multipart/form-data')
  @ApiArchiveBody()
  @ApiCreatedResponse({ type: ImportPreviewDto })
  @ApiBadRequestResponse({ description: 'IMPORT_FILE_MISSING, MALFORMED_MULTIPART' })
  @ApiForbiddenResponse({ description: 'oversight users; an uploader whose manifest names another agency' })
  @ApiPayloadTooLargeResponse({ description: 'IMPORT_ARCHIVE_TOO_LARGE' })
  @ApiUnprocessableEntityResponse({ type: ImportManifestFailureDto, description: 'as POST /api/imports' })
  preview(
    @CurrentUser() user: AuthUser,
    @Req() request: Request,
    @UploadedFile() file: UploadedArchive | undefined,
  ): Promise<ImportPreviewDto> {
    return this.previews.preview({ user, address: requestAddress(request) }, archiveOf(file));
  }

  @Post('previews/:id/confirm')
  @HttpCode(HttpStatus.ACCEPTED)
  @RateLimited('import')
  @UseInterceptors(ImportUploadInterceptor)
  @ApiOperation({
    summary: '确认导入 / import exactly what the preview read',
    description:
      '再次上传预览时的同一个压缩包。每个文件的 SHA-256 须与预览时一致（manifest.csv 亦然），' +
      '否则拒绝（409 IMPORT_PREVIEW_CHANGED，errors 列出变了的文件），不写入任何内容；' +
      '预览过期、不存在、已确认过或不是本人的：409 IMPORT_PREVIEW_EXPIRED。' +
      '通过后创建导入任务，存入预览时的解析结果（原文件照常保存）。',
  })
  @ApiConsumes('multipart/form-data')
  @ApiArchiveBody()
  @ApiAcceptedResponse({ type: ImportCreatedDto, description: 'the job is queued' })
  @ApiBadRequestResponse({ description: 'IMPORT_FILE_MISSING, MALFORMED_MULTIPART' })
  @ApiForbiddenResponse({ description: 'oversight users' })
  @ApiConflictResponse({ description: 'IMPORT_PREVIEW_EXPIRED, IMPORT_PREVIEW_CHANGED (with errors); nothing is written' })
  @ApiUnprocessableEntityResponse({ type: ImportManifestFailureDto, description: 'as POST /api/imports' })
  confirm(
    @CurrentUser() user: AuthUser,
    @Req() request: Request,
    @Param('id') id: string,
    @UploadedFile() file: UploadedArchive | undefined,
  ): Promise<ImportCreatedDto> {
    return this.previews.confirm({ user, address: requestAddress(request) }, id, archiveOf(file));
  }

  @Get()
  @ApiOperation({ summary: '导入任务列表 / import jobs, newest first (admins: all, others: their own)' })
  @ApiOkResponse({ type: ImportJobPageDto })
  list(@CurrentUser() user: AuthUser, @Query() query: ListImportsQueryDto): Promise<ImportJobPageDto> {
    return this.imports.list(user, query);
  }

  @Get(':id')
  @ApiOperation({ summary: '导入任务 / progress and every file’s outcome (imported, duplicate, failed)' })
  @ApiOkResponse({ type: ImportJobDto })
  @ApiNotFoundResponse({ description: 'IMPORT_NOT_FOUND, also for another user’s job' })
  get(@CurrentUser() user: AuthUser, @Param('id') id: string): Promise<ImportJobDto> {
    return this.imports.get(user, id);
  }
}

function archiveOf(file: UploadedArchive | undefined): ImportArchiveUpload {
  if (!file) throw importFileMissing();
  return { bytes: file.buffer, fileName: archiveName(file.originalname) };
}

/** A name safe to store and show: no folders, no control characters, not empty. */
function archiveName(name: string): string {
  return storableFileName(name, 'import.zip', 255);
}
