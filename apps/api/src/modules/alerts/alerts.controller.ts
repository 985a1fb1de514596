import {
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
  Req,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Request } from 'express';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser, Roles } from '../../common/auth/auth.decorators';
import { requestAddress } from '../../common/http/request-address';
import { AlertsService } from './alerts.service';
import {
  AlertRuleChangeDto,
  AlertRuleResponseDto,
  AlertsQueryDto,
  AlertsResponseDto,
  CreateAlertRuleDto,
  UpdateAlertRuleDto,
} from './dto/alert.dto';

/** Oversight users (in their scope) and admins watch and set the alerts; uploaders do not. */
@ApiTags('alerts')
@ApiBearerAuth()
@Roles('oversight', 'admin')
@Controller('alerts')
export class AlertsController {
  constructor(private readonly alerts: AlertsService) {}

  @Get()
  @ApiOperation({
    summary:
      '预警 / every alert rule of the scope evaluated on the year: the region’s value and the agencies at yellow or red',
  })
  @ApiOkResponse({ type: AlertsResponseDto })
  @ApiNotFoundResponse({ description: 'AGENCY_NOT_FOUND (scope not visible)' })
  evaluate(
    @CurrentUser() user: AuthUser,
    @Query() query: AlertsQueryDto,
  ): Promise<AlertsResponseDto> {
    return this.alerts.evaluate(user, query);
  }

  @Get('rules')
  @ApiOperation({
    summary: '预警规则 / the rules the caller may see: the defaults and its regions’',
  })
  @ApiOkResponse({ type: [AlertRuleResponseDto] })
  rules(@CurrentUser() user: AuthUser): Promise<AlertRuleResponseDto[]> {
    return this.alerts.listRules(user);
  }

  @Get('rules/changes')
  @ApiOperation({ summary: '规则变更记录 / who changed which rule, when, from what to what' })
  @ApiOkResponse({ type: [AlertRuleChangeDto] })
  changes(@CurrentUser() user: AuthUser): Promise<AlertRuleChangeDto[]> {
    return this.alerts.changes(user);
  }

  @Post('rules')
  @ApiOperation({ summary: '新增预警规则 / a rule for a region (or, for admins, every region)' })
  @ApiCreatedResponse({ type: AlertRuleResponseDto })
  @ApiBadRequestResponse({
    description: 'VALIDATION_FAILED, ALERT_METRIC_UNKNOWN, ALERT_THRESHOLDS_INVALID',
  })
  @ApiNotFoundResponse({ description: 'AGENCY_NOT_FOUND (region not visible)' })
  @ApiForbiddenResponse({ description: 'a default rule set by someone other than an admin' })
  @ApiConflictResponse({ description: 'ALERT_RULE_EXISTS' })
  create(
    @CurrentUser() user: AuthUser,
    @Req() request: Request,
    @Body() body: CreateAlertRuleDto,
  ): Promise<AlertRuleResponseDto> {
    return this.alerts.createRule(user, requestAddress(request), body);
  }

  @Patch('rules/:id')
  @ApiOperation({ summary: '修改预警规则 / new bounds, direction or least sample' })
  @ApiOkResponse({ type: AlertRuleResponseDto })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED, ALERT_THRESHOLDS_INVALID' })
  @ApiNotFoundResponse({ description: 'ALERT_RULE_NOT_FOUND' })
  @ApiConflictResponse({ description: 'ALERT_RULE_EXISTS' })
  update(
    @CurrentUser() user: AuthUser,
    @Req() request: Request,
    @Param('id') id: string,
    @Body() body: UpdateAlertRuleDto,
  ): Promise<AlertRuleResponseDto> {
    return this.alerts.updateRule(user, requestAddress(request), id, body);
  }

  @Delete('rules/:id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: '删除预警规则 / the change log keeps it' })
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ description: 'ALERT_RULE_NOT_FOUND' })
  remove(
    @CurrentUser() user: AuthUser,
    @Req() request: Request,
    @Param('id') id: string,
  ): Promise<void> {
    return this.alerts.deleteRule(user, requestAddress(request), id);
  }
}
