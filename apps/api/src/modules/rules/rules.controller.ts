import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RULES } from '@atlas/report-model';
import { RuleDto } from './dto/rule.dto';

/** The catalogue is code (libs/report-model): every signed-in user may read it. */
@ApiTags('rules')
@ApiBearerAuth()
@Controller('rules')
export class RulesController {
  @Get()
  @ApiOperation({ summary: '校验规则目录 / the check rules, with what each reads and its source' })
  @ApiOkResponse({ type: [RuleDto] })
  list(): RuleDto[] {
    return RULES.map((rule) => ({ ...rule, source: { ...rule.source } }));
  }
}
