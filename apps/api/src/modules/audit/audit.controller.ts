import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../common/auth/auth.decorators';
import { AuditService } from './audit.service';
import { AuditPageDto, AuditQueryDto } from './dto/audit-entry.dto';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Roles('admin')
  @ApiOperation({ summary: '审计日志 / audit log, newest first' })
  @ApiOkResponse({ type: AuditPageDto })
  page(@Query() query: AuditQueryDto): Promise<AuditPageDto> {
    return this.audit.page({ ...query, limit: query.limit ?? 50 });
  }
}
