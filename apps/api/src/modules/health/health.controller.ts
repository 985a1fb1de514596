import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { Public } from '../../common/auth/auth.decorators';
import { DATABASE_RETRY_AFTER_SECONDS } from '../../common/filters/database-unavailable';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { HealthResponseDto } from './dto/health-response.dto';
import { HealthService } from './health.service';

@ApiTags('system')
@Public()
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get()
  @ApiOperation({ summary: '健康检查 / liveness and database reachability' })
  @ApiOkResponse({ type: HealthResponseDto })
  @ApiServiceUnavailableResponse({ description: 'The database does not answer' })
  async check(@Res({ passthrough: true }) response: Response): Promise<HealthResponseDto> {
    const report = await this.health.check();
    if (report.db === 'up') return report;
    // Load balancers read the status; people read the same error shape as everywhere else.
    response.status(HttpStatus.SERVICE_UNAVAILABLE).setHeader('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS));
    return {
      ...report,
      statusCode: HttpStatus.SERVICE_UNAVAILABLE,
      code: 'DB_UNAVAILABLE',
      message: '数据库不可用',
    };
  }
}
