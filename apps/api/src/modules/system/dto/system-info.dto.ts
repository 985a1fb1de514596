import { ApiProperty } from '@nestjs/swagger';
import type * as Contract from '@atlas/api-contract';

export class DatabaseInfoDto implements Contract.DatabaseInfo {
  @ApiProperty({ description: 'True when the embedded PostgreSQL under ATLAS_DATA_DIR is used' })
  embedded: boolean;

  @ApiProperty({ example: '16.14' })
  serverVersion: string;
}

export class SystemInfoDto implements Contract.SystemInfo {
  @ApiProperty({ example: 'Disclosure Atlas' })
  name: string;

  @ApiProperty({ example: '0.1.0' })
  version: string;

  @ApiProperty({ description: 'Stable id of this installation, made on first start' })
  instanceId: string;

  @ApiProperty({ description: 'When this process started (ISO 8601)' })
  startedAt: string;

  @ApiProperty({ description: 'Name of the newest applied migration', nullable: true, type: String })
  schemaVersion: string | null;

  @ApiProperty({ type: DatabaseInfoDto })
  database: DatabaseInfoDto;
}
