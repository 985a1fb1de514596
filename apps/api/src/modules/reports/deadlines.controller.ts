import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Put,
  Query,
  Req,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Request } from 'express';
import { parseIdPipe } from '../../common/http/validation';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser, Roles } from '../../common/auth/auth.decorators';
import { requestAddress } from '../../common/http/request-address';
import { DeadlinesService } from './deadlines.service';
import {
  DeadlineDto,
  DeadlineListDto,
  ListDeadlinesQueryDto,
  SetDeadlineDto,
} from './dto/deadline.dto';

@ApiTags('deadlines')
@ApiBearerAuth()
@Controller('deadlines')
export class DeadlinesController {
  constructor(private readonly deadlines: DeadlinesService) {}

  @Get()
  @ApiOperation({
    summary:
      "报送截止日期 / a year's deadlines: statutory (31 January), the year default, overrides per agency subtree",
  })
  @ApiOkResponse({ type: DeadlineListDto })
  @ApiNotFoundResponse({ description: 'AGENCY_NOT_FOUND (agencyId not visible)' })
  list(
    @CurrentUser() user: AuthUser,
    @Query() query: ListDeadlinesQueryDto,
  ): Promise<DeadlineListDto> {
    return this.deadlines.list(user, query.year, query.agencyId);
  }

  @Put()
  @Roles('admin')
  @ApiOperation({
    summary: "设定截止日期 / set the year default (no agencyId) or an agency subtree's deadline",
  })
  @ApiOkResponse({ type: DeadlineDto })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED, DEADLINE_TOO_EARLY' })
  @ApiNotFoundResponse({ description: 'AGENCY_NOT_FOUND' })
  @ApiForbiddenResponse({ description: 'not an admin' })
  set(
    @CurrentUser() user: AuthUser,
    @Req() request: Request,
    @Body() body: SetDeadlineDto,
  ): Promise<DeadlineDto> {
    return this.deadlines.set(user, requestAddress(request), body);
  }

  @Delete(':id')
  @Roles('admin')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    summary:
      '删除截止日期 / remove a year default or an override: its reports fall back to the next rule',
  })
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ description: 'DEADLINE_NOT_FOUND' })
  @ApiForbiddenResponse({ description: 'not an admin' })
  remove(
    @CurrentUser() user: AuthUser,
    @Req() request: Request,
    @Param('id', parseIdPipe) id: string,
  ): Promise<void> {
    return this.deadlines.remove(user, requestAddress(request), id);
  }
}
