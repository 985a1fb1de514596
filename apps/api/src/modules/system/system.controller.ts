import { Controller, Get } from '@nestjs/common';
import { Public } from '../../common/auth/auth.decorators';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { SystemInfoDto } from './dto/system-info.dto';
import { SystemService } from './system.service';

@ApiTags('system')
@Public()
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
