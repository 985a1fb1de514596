import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ValidateBy } from 'class-validator';
import { DEADLINE_SOURCES } from '@atlas/api-contract';
import { isCalendarDate } from '../report-deadline';
import { AgencyIdField, ReportYearField } from '../../../common/http/request-fields';
import type * as Contract from '@atlas/api-contract';

export class ListDeadlinesQueryDto implements Contract.ListDeadlinesQuery {
  @ApiProperty({ example: 2024, description: '报告年度' })
  @ReportYearField({ optional: false })
  year: number;

  @ApiPropertyOptional({ format: 'uuid', description: '给出时同时返回该机构适用的截止日期' })
  @AgencyIdField({ optional: true })
  agencyId?: string;
}

export class SetDeadlineDto implements Contract.SetDeadlineRequest {
  @ApiProperty({ example: 2024, description: '报告年度' })
  @ReportYearField({ optional: false })
  year: number;

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    type: String,
    description: '省略或 null：该年度所有机构的默认截止日期；给出：该机构及其下级',
  })
  @AgencyIdField({ optional: true })
  agencyId?: string | null;

  @ApiProperty({ example: '2025-01-31', description: '截止日期 YYYY-MM-DD（须在报告年度之后）' })
  @ValidateBy({
    name: 'isCalendarDate',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && isCalendarDate(value),
      defaultMessage: () => 'dueDate 应为 YYYY-MM-DD 格式的有效日期',
    },
  })
  dueDate: string;
}

export class DeadlineDto implements Contract.DeadlineDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() year: number;
  @ApiProperty({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'null：该年度的默认截止日期',
  })
  agencyId: string | null;
  @ApiProperty({ nullable: true, type: String }) agencyName: string | null;
  @ApiProperty({ example: '2025-01-31' }) dueDate: string;
}

export class EffectiveDeadlineDto implements Contract.EffectiveDeadline {
  @ApiProperty({ format: 'uuid' }) agencyId: string;
  @ApiProperty({ example: '2025-01-31' }) dueDate: string;
  @ApiProperty({
    enum: DEADLINE_SOURCES,
    description: '本机构设定 / 上级机构设定 / 年度默认 / 法定（次年1月31日）',
  })
  source: Contract.DeadlineSource;
  @ApiProperty({
    format: 'uuid',
    nullable: true,
    type: String,
    description: '设定该截止日期的机构',
  })
  setByAgencyId: string | null;
}

export class DeadlineListDto implements Contract.DeadlineList {
  @ApiProperty() year: number;
  @ApiProperty({ example: '2025-01-31', description: '条例第四十九条：部门等次年1月31日' })
  statutoryDueDate: string;
  @ApiProperty({ example: '2025-03-31', description: '条例第四十九条：人民政府本级年报次年3月31日' })
  governmentStatutoryDueDate: string;
  @ApiProperty({ example: '2025-01-31', description: '未设定机构例外时适用的日期' })
  defaultDueDate: string;
  @ApiProperty({ type: [DeadlineDto], description: '该年度设定的截止日期（调用者可见的机构）' })
  deadlines: DeadlineDto[];
  @ApiPropertyOptional({ type: EffectiveDeadlineDto }) effective?: EffectiveDeadlineDto;
}
