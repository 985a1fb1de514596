import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type * as Contract from '@atlas/api-contract';

export class HealthResponseDto implements Contract.HealthResponse {
  @ApiProperty({ enum: ['ok', 'error'] })
  status: 'ok' | 'error';

  @ApiProperty({ enum: ['up', 'down'] })
  db: 'up' | 'down';

  @ApiProperty({ example: '0.1.0' })
  version: string;

  @ApiPropertyOptional({ description: 'Only when unhealthy: 503' })
  statusCode?: number;

  @ApiPropertyOptional({ description: 'Only when unhealthy: DB_UNAVAILABLE' })
  code?: string;

  @ApiPropertyOptional({ description: 'Only when unhealthy' })
  message?: string;
}
