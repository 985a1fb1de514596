import { Controller, Get, Param, Query, Req, StreamableFile } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Request } from 'express';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser, Roles } from '../../common/auth/auth.decorators';
import { attachmentDisposition } from '../../common/http/attachment';
import { requestAddress } from '../../common/http/request-address';
import { BulletinsService } from './bulletins.service';
import { BulletinParamsDto, BulletinQueryDto } from './dto/bulletin-query.dto';

@ApiTags('bulletins')
@ApiBearerAuth()
@Controller('bulletins')
export class BulletinsController {
  constructor(private readonly bulletins: BulletinsService) {}

  @Get(':year')
  @Roles('oversight', 'admin')
  @ApiOperation({
    summary:
      '通报 / the notice on a region’s annual reports of a year: summary, late, missing, failing and copied reports, rectifications; DOCX with charts or XLSX',
  })
  @ApiProduces(
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  )
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED' })
  @ApiForbiddenResponse({ description: 'uploader' })
  @ApiNotFoundResponse({ description: 'AGENCY_NOT_FOUND (region not visible)' })
  @ApiServiceUnavailableResponse({
    description: 'BULLETIN_FONT_MISSING (no CJK font for the charts)',
  })
  async download(
    @CurrentUser() user: AuthUser,
    @Param() params: BulletinParamsDto,
    @Query() query: BulletinQueryDto,
    @Req() request: Request,
  ): Promise<StreamableFile> {
    const file = await this.bulletins.file(
      user,
      { scope: query.scope, year: params.year, format: query.format ?? 'docx' },
      { actor: user, address: requestAddress(request) },
    );
    return new StreamableFile(file.content, {
      type: file.contentType,
      disposition: attachmentDisposition(file.displayName, file.fileName),
      length: file.content.length,
    });
  }
}
