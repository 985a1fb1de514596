import {
  Req,
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Patch,
  Post,
  Query,
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
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiProduces,
  ApiTags,
  ApiUnprocessableEntityResponse,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import type { Request } from 'express';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser, Roles } from '../../common/auth/auth.decorators';
import { requestAddress } from '../../common/http/request-address';
import type { Actor } from '../audit';
import { agencyImportFileMissing } from './agency.errors';
import {
  AgencyImportFileInterceptor,
  type UploadedImportFile,
} from './agency-import-file.interceptor';
import { AGENCY_FILE_CONTENT_TYPES } from './agency-table';
import { AgenciesService } from './agencies.service';
import { AgencyDto, AgencyTreeNodeDto } from './dto/agency.dto';
import { AgencyImportFailureDto, AgencyImportResultDto } from './dto/agency-import.dto';
import { CreateAgencyDto } from './dto/create-agency.dto';
import { ExportAgenciesQueryDto } from './dto/export-agencies-query.dto';
import { ListAgenciesQueryDto } from './dto/list-agencies-query.dto';
import { UpdateAgencyDto } from './dto/update-agency.dto';

const actorOf = (user: AuthUser, request: Request): Actor => ({
  actor: user,
  address: requestAddress(request),
});

@ApiTags('agencies')
@ApiBearerAuth()
@Controller('agencies')
export class AgenciesController {
  constructor(private readonly agencies: AgenciesService) {}

  // Fixed paths (tree, export, import) are declared before `:id` so that they are not taken for ids.

  @Get()
  @ApiOperation({ summary: '机构列表 / visible agencies, flat, in tree order' })
  @ApiOkResponse({ type: [AgencyDto] })
  list(@CurrentUser() user: AuthUser, @Query() query: ListAgenciesQueryDto): Promise<AgencyDto[]> {
    return this.agencies.list(user, query);
  }

  @Get('tree')
  @ApiOperation({
    summary: '机构树 / the visible part of the tree, nested (oversight: rooted at its scope)',
  })
  @ApiOkResponse({ type: [AgencyTreeNodeDto] })
  tree(@CurrentUser() user: AuthUser): Promise<AgencyTreeNodeDto[]> {
    return this.agencies.tree(user);
  }

  @Get('export')
  @Roles('admin', 'oversight')
  @ApiOperation({
    summary: '导出机构 / visible agencies as CSV (UTF-8 with BOM) or XLSX, in tree order',
  })
  @ApiProduces(AGENCY_FILE_CONTENT_TYPES.csv, AGENCY_FILE_CONTENT_TYPES.xlsx)
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  @ApiForbiddenResponse({ description: 'uploader' })
  async export(
    @CurrentUser() user: AuthUser,
    @Query() query: ExportAgenciesQueryDto,
    @Req() request: Request,
  ): Promise<StreamableFile> {
    const file = await this.agencies.exportFile(
      user,
      query.format ?? 'csv',
      actorOf(user, request),
    );
    return new StreamableFile(file.content, {
      type: file.contentType,
      disposition: `attachment; filename="${file.fileName}"`,
      length: file.content.length,
    });
  }

  @Post('import')
  @Roles('admin')
  @HttpCode(HttpStatus.OK)
  @UseInterceptors(AgencyImportFileInterceptor)
  @ApiOperation({
    summary:
      '导入机构 / upsert by code from CSV or XLSX; all rows are checked first, one bad row refuses the file',
    description:
      '列：code/编码, name/名称, level/层级, kind/类型, parent_code/上级编码, active_from_year/起始年度, ' +
      'active_to_year/终止年度。层级、类型可填英文键或中文名。上级可以出现在下级之后。',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary' } },
    },
  })
  @ApiOkResponse({ type: AgencyImportResultDto })
  @ApiUnprocessableEntityResponse({
    type: AgencyImportFailureDto,
    description: 'nothing was written',
  })
  @ApiPayloadTooLargeResponse({ description: 'over 5 MB' })
  @ApiUnsupportedMediaTypeResponse({ description: 'not .csv or .xlsx' })
  @ApiForbiddenResponse({ description: 'not an admin' })
  import(
    @UploadedFile() file: UploadedImportFile | undefined,
    @CurrentUser() user: AuthUser,
    @Req() request: Request,
  ): Promise<AgencyImportResultDto> {
    if (!file) throw agencyImportFileMissing();
    // A client that hangs up before the answer stops the import between batches (rolled back).
    const hungUp = new AbortController();
    request.res?.once('close', () => {
      if (!request.res?.writableFinished) hungUp.abort();
    });
    return this.agencies.importFile(
      { fileName: file.originalname, content: file.buffer },
      actorOf(user, request),
      { signal: hungUp.signal },
    );
  }

  @Get(':id')
  @ApiOperation({ summary: '机构详情 / one visible agency' })
  @ApiOkResponse({ type: AgencyDto })
  @ApiNotFoundResponse({ description: 'AGENCY_NOT_FOUND, also when not visible to the caller' })
  get(@CurrentUser() user: AuthUser, @Param('id') id: string): Promise<AgencyDto> {
    return this.agencies.assertVisible(user, id);
  }

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: '新建机构 / create an agency' })
  @ApiCreatedResponse({ type: AgencyDto })
  @ApiBadRequestResponse({
    description: 'VALIDATION_FAILED, AGENCY_PARENT_NOT_FOUND, AGENCY_ACTIVE_YEARS_INVALID',
  })
  @ApiConflictResponse({ description: 'AGENCY_CODE_TAKEN, AGENCY_NAME_TAKEN' })
  @ApiForbiddenResponse({ description: 'not an admin' })
  create(
    @Body() input: CreateAgencyDto,
    @CurrentUser() user: AuthUser,
    @Req() request: Request,
  ): Promise<AgencyDto> {
    return this.agencies.create(input, actorOf(user, request));
  }

  @Patch(':id')
  @Roles('admin')
  @ApiOperation({
    summary: '修改机构 / rename, recode, or move (with its whole subtree) under another parent',
  })
  @ApiOkResponse({ type: AgencyDto })
  @ApiBadRequestResponse({
    description: 'VALIDATION_FAILED, AGENCY_PARENT_NOT_FOUND, AGENCY_ACTIVE_YEARS_INVALID',
  })
  @ApiNotFoundResponse({ description: 'AGENCY_NOT_FOUND' })
  @ApiConflictResponse({ description: 'AGENCY_CYCLE, AGENCY_CODE_TAKEN, AGENCY_NAME_TAKEN' })
  @ApiForbiddenResponse({ description: 'not an admin' })
  update(
    @Param('id') id: string,
    @Body() input: UpdateAgencyDto,
    @CurrentUser() user: AuthUser,
    @Req() request: Request,
  ): Promise<AgencyDto> {
    return this.agencies.update(id, input, actorOf(user, request));
  }

  @Delete(':id')
  @Roles('admin')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: '删除机构 / delete an agency without children' })
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ description: 'AGENCY_NOT_FOUND' })
  @ApiConflictResponse({ description: 'AGENCY_HAS_CHILDREN, AGENCY_IN_USE' })
  @ApiForbiddenResponse({ description: 'not an admin' })
  remove(
    @Param('id') id: string,
    @CurrentUser() user: AuthUser,
    @Req() request: Request,
  ): Promise<void> {
    return this.agencies.remove(id, actorOf(user, request));
  }
}
