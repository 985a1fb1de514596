import { Controller, Get } from '@nestjs/common';
import { Roles } from '../../common/auth/auth.decorators';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { SystemInfoDto } from './dto/system-info.dto';
import { SystemService } from './system.service';

@ApiTags('system')
@ApiBearerAuth()
// Versions of the API and of PostgreSQL help an attacker pick an exploit; the login page needs
// none of it (the header's version tag reads /api/health), so only admins see it.
@Roles('admin')
@Controller('system')
export class SystemController {
  constructor(private readonly system: SystemService) {}

  @Get('info')
  @ApiOperation({ summary: '系统信息 / version, instance id, schema version, database' })
  @ApiOkResponse({ type: SystemInfoDto })
  info(): Promise<SystemInfoDto> {
    return this.system.info();
  }
}
