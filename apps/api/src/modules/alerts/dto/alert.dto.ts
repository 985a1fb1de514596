import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Min,
  ValidateIf,
} from 'class-validator';
import {
  ALERT_DIRECTIONS,
  ALERT_LEVELS,
  ALERT_OUTCOMES,
  type AlertRuleDirection,
  type AlertRuleLevel,
  type AlertRuleOutcome,
} from '@atlas/api-contract';
import type * as Contract from '@atlas/api-contract';
import { ReportYearField } from '../../../common/http/request-fields';

// ── requests ────────────────────────────────────────────────────────────────────────────────

const numberMessage = (field: string) => ({ message: `${field} 必须是数字` });

export class CreateAlertRuleDto implements Contract.CreateAlertRuleRequest {
  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The region (an agency subtree); omitted or null: every region (admins only)',
  })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsUUID('all', { message: 'regionId 必须是 UUID' })
  regionId?: string | null;

  @ApiProperty({ description: 'A metric key of the catalogue (GET /api/analytics/metrics)' })
  @IsString({ message: 'metric 必须是指标键名' })
  metric: string;

  @ApiProperty({ enum: ALERT_DIRECTIONS })
  @IsIn(ALERT_DIRECTIONS, { message: 'direction 只能是 above（高于）或 below（低于）' })
  direction: AlertRuleDirection;

  @ApiProperty() @IsNumber({}, numberMessage('yellow')) yellow: number;
  @ApiProperty() @IsNumber({}, numberMessage('red')) red: number;

  @ApiProperty({ description: 'The least sample judged (a ratio’s denominator); 0: any' })
  @IsInt({ message: 'minSample 必须是不小于 0 的整数' })
  @Min(0, { message: 'minSample 必须是不小于 0 的整数' })
  minSample: number;
}

export class UpdateAlertRuleDto implements Contract.UpdateAlertRuleRequest {
  @ApiPropertyOptional({ enum: ALERT_DIRECTIONS })
  @IsOptional()
  @IsIn(ALERT_DIRECTIONS, { message: 'direction 只能是 above（高于）或 below（低于）' })
  direction?: AlertRuleDirection;

  @ApiPropertyOptional() @IsOptional() @IsNumber({}, numberMessage('yellow')) yellow?: number;
  @ApiPropertyOptional() @IsOptional() @IsNumber({}, numberMessage('red')) red?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt({ message: 'minSample 必须是不小于 0 的整数' })
  @Min(0, { message: 'minSample 必须是不小于 0 的整数' })
  minSample?: number;
}

export class AlertsQueryDto implements Contract.AlertsQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'The region; default: the caller’s scope' })
  @IsOptional()
  @IsUUID('all', { message: 'scope 必须是 UUID' })
  scope?: string;

  @ApiPropertyOptional({ description: 'Default: last year' })
  @ReportYearField({ optional: true })
  year?: number;
}

// ── answers ─────────────────────────────────────────────────────────────────────────────────

export class AlertRuleSettingsDto implements Contract.AlertRuleSettings {
  @ApiProperty({ enum: ALERT_DIRECTIONS }) direction: AlertRuleDirection;
  @ApiProperty() yellow: number;
  @ApiProperty() red: number;
  @ApiProperty() minSample: number;
}

export class AlertRuleResponseDto extends AlertRuleSettingsDto implements Contract.AlertRuleDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) regionId: string | null;
  @ApiProperty({ description: '全部地区 for the default rules' }) regionName: string;
  @ApiProperty() metric: string;
  @ApiProperty() metricName: string;
  @ApiProperty() unit: string;
  @ApiProperty() updatedAt: string;
  @ApiProperty({ type: String, nullable: true }) updatedBy: string | null;
}

export class AlertRuleChangeDto implements Contract.AlertRuleChange {
  @ApiProperty() id: string;
  @ApiProperty({ format: 'uuid' }) ruleId: string;
  @ApiProperty({ enum: ['create', 'update', 'delete'] }) action: 'create' | 'update' | 'delete';
  @ApiProperty() regionName: string;
  @ApiProperty() metricName: string;
  @ApiProperty({ type: AlertRuleSettingsDto, nullable: true }) before: AlertRuleSettingsDto | null;
  @ApiProperty({ type: AlertRuleSettingsDto, nullable: true }) after: AlertRuleSettingsDto | null;
  @ApiProperty({ type: String, nullable: true }) actorName: string | null;
  @ApiProperty() at: string;
}

export class AlertObservationDto implements Contract.AlertObservation {
  @ApiProperty({ type: Number, nullable: true }) value: number | null;
  @ApiProperty({ type: Number, nullable: true }) sample: number | null;
  @ApiProperty({ enum: ALERT_OUTCOMES }) outcome: AlertRuleOutcome;
}

export class AlertAgencyDto implements Contract.AlertAgency {
  @ApiProperty({ format: 'uuid' }) agencyId: string;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty({ format: 'uuid' }) reportId: string;
  @ApiProperty() value: number;
  @ApiProperty({ type: Number, nullable: true }) sample: number | null;
  @ApiProperty({ enum: ALERT_LEVELS }) level: AlertRuleLevel;
}

export class AlertItemDto implements Contract.AlertItem {
  @ApiProperty({ type: AlertRuleResponseDto }) rule: AlertRuleResponseDto;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) regionId: string | null;
  @ApiProperty() regionName: string;
  @ApiProperty({ enum: ALERT_LEVELS, nullable: true }) level: AlertRuleLevel | null;
  @ApiProperty({ type: AlertObservationDto }) region: AlertObservationDto;
  @ApiProperty() redCount: number;
  @ApiProperty() yellowCount: number;
  @ApiProperty({ type: [AlertAgencyDto] }) agencies: AlertAgencyDto[];
}

export class AlertsResponseDto implements Contract.AlertsDto {
  @ApiProperty() year: number;
  @ApiProperty({ type: [AlertItemDto] }) items: AlertItemDto[];
}
