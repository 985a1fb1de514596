import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  Put,
  Query,
  Req,
  StreamableFile,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Request } from 'express';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser, Roles } from '../../common/auth/auth.decorators';
import { attachmentDisposition } from '../../common/http/attachment';
import { requestAddress } from '../../common/http/request-address';
import {
  DecideExplanationDto,
  ExplanationDto,
  ExplanationsQueryDto,
  ExplanationSummaryDto,
  ExplanationSummaryQueryDto,
  ReportExplanationsDto,
  WriteExplanationDto,
} from './dto/explanation.dto';
import {
  RectificationExportQueryDto,
  RectificationListQueryDto,
  RectificationNoticeDto,
  SendRectificationDto,
} from './dto/rectification.dto';
import { ExplanationsService } from './explanations.service';
import { rectificationLedger, XLSX_CONTENT_TYPE } from './rectification-ledger';
import { RectificationsService } from './rectifications.service';

const actorOf = (user: AuthUser, request: Request) => ({
  user,
  actor: user,
  address: requestAddress(request),
});

@ApiTags('rectification')
@ApiBearerAuth()
@Controller('explanations')
export class ExplanationsController {
  constructor(private readonly explanations: ExplanationsService) {}

  @Get()
  @ApiOperation({
    summary: '问题说明 / the report’s current findings with their keys and explanations',
  })
  @ApiOkResponse({ type: ReportExplanationsDto })
  @ApiNotFoundResponse({ description: 'REPORT_NOT_FOUND (also outside the caller’s scope)' })
  ofReport(
    @CurrentUser() user: AuthUser,
    @Query() query: ExplanationsQueryDto,
  ): Promise<ReportExplanationsDto> {
    return this.explanations.ofReport(user, query.reportId);
  }

  @Put()
  @Roles('uploader')
  @ApiOperation({
    summary: '填写说明 / the agency explains a warning of its report (rewritable until accepted)',
  })
  @ApiOkResponse({ type: ExplanationDto })
  @ApiNotFoundResponse({ description: 'REPORT_NOT_FOUND (another agency’s report)' })
  @ApiUnprocessableEntityResponse({
    description: 'FINDING_NOT_FOUND, FINDING_NOT_EXPLAINABLE (an error)',
  })
  @ApiConflictResponse({ description: 'EXPLANATION_ALREADY_ACCEPTED' })
  write(
    @CurrentUser() user: AuthUser,
    @Body() body: WriteExplanationDto,
    @Req() request: Request,
  ): Promise<ExplanationDto> {
    return this.explanations.write(actorOf(user, request), body);
  }

  @Get('summary')
  @ApiOperation({
    summary: '说明统计 / explanations per rule and status in a region and year (已说明 apart)',
  })
  @ApiOkResponse({ type: ExplanationSummaryDto })
  @ApiNotFoundResponse({ description: 'AGENCY_NOT_FOUND (scope outside the caller’s)' })
  summary(
    @CurrentUser() user: AuthUser,
    @Query() query: ExplanationSummaryQueryDto,
  ): Promise<ExplanationSummaryDto> {
    return this.explanations.summary(user, query.scope, query.year);
  }

  @Post(':id/decision')
  @HttpCode(HttpStatus.OK)
  @Roles('oversight', 'admin')
  @ApiOperation({ summary: '审核说明 / accept (已说明) or reject (with a reason) an explanation' })
  @ApiOkResponse({ type: ExplanationDto })
  @ApiBadRequestResponse({ description: 'REASON_REQUIRED (rejecting without a reason)' })
  @ApiNotFoundResponse({ description: 'EXPLANATION_NOT_FOUND (also outside the caller’s scope)' })
  @ApiConflictResponse({ description: 'EXPLANATION_ALREADY_DECIDED' })
  decide(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Body() body: DecideExplanationDto,
    @Req() request: Request,
  ): Promise<ExplanationDto> {
    return this.explanations.decide(actorOf(user, request), id, body);
  }
}

@ApiTags('rectification')
@ApiBearerAuth()
@Controller('rectifications')
export class RectificationsController {
  constructor(private readonly rectifications: RectificationsService) {}

  @Get()
  @ApiOperation({
    summary:
      '整改台账 / notices the caller may see (uploader: its agency’s), by region, year, status',
  })
  @ApiOkResponse({ type: [RectificationNoticeDto] })
  @ApiNotFoundResponse({ description: 'AGENCY_NOT_FOUND (scope outside the caller’s)' })
  list(
    @CurrentUser() user: AuthUser,
    @Query() query: RectificationListQueryDto,
  ): Promise<RectificationNoticeDto[]> {
    return this.rectifications.list(user, query);
  }

  @Post()
  @Roles('oversight', 'admin')
  @ApiOperation({
    summary:
      '发出整改通知 / one notice per agency and year of the chosen findings, with a due date; the agency is notified',
  })
  @ApiCreatedResponse({ type: [RectificationNoticeDto] })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED, DUE_DATE_IN_PAST, FINDING_REPEATED' })
  @ApiNotFoundResponse({ description: 'REPORT_NOT_FOUND (also outside the caller’s scope)' })
  @ApiUnprocessableEntityResponse({
    description: 'FINDING_NOT_FOUND, FINDING_ALREADY_EXPLAINED',
  })
  @ApiConflictResponse({ description: 'FINDING_ALREADY_IN_NOTICE' })
  send(
    @CurrentUser() user: AuthUser,
    @Body() body: SendRectificationDto,
    @Req() request: Request,
  ): Promise<RectificationNoticeDto[]> {
    return this.rectifications.send(actorOf(user, request), body);
  }

  // Declared before `:id`, so that it is not taken for an id.
  @Get('export')
  @Roles('oversight', 'admin')
  @ApiOperation({ summary: '导出整改台账 / the notices of the list as XLSX (notices, findings)' })
  @ApiProduces(XLSX_CONTENT_TYPE)
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  async export(
    @CurrentUser() user: AuthUser,
    @Query() query: RectificationExportQueryDto,
  ): Promise<StreamableFile> {
    const notices = await this.rectifications.list(user, query);
    const content = await rectificationLedger(notices);
    const name = `整改台账${query.year ? ` ${query.year}年` : ''}.xlsx`;
    return new StreamableFile(content, {
      type: XLSX_CONTENT_TYPE,
      disposition: attachmentDisposition(
        name,
        `rectifications${query.year ? `-${query.year}` : ''}.xlsx`,
      ),
      length: content.length,
    });
  }

  @Get(':id')
  @ApiOperation({ summary: '整改通知 / one notice with its findings and their status' })
  @ApiOkResponse({ type: RectificationNoticeDto })
  @ApiNotFoundResponse({ description: 'RECTIFICATION_NOT_FOUND (also outside the caller’s scope)' })
  get(@CurrentUser() user: AuthUser, @Param('id') id: string): Promise<RectificationNoticeDto> {
    return this.rectifications.get(user, id);
  }
}
