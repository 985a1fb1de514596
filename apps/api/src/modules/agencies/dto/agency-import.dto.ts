import { ApiProperty } from '@nestjs/swagger';
import { AGENCY_COLUMNS, type AgencyColumn } from '../agency-table';
import type * as Contract from '@atlas/api-contract';

export class AgencyImportResultDto implements Contract.AgencyImportResult {
  @ApiProperty({ description: '新建的机构数' })
  created: number;

  @ApiProperty({ description: '有字段变化的已有机构数' })
  updated: number;

  @ApiProperty({ description: '与系统中完全相同的行数' })
  unchanged: number;

  @ApiProperty({ description: '分批写入的批次数（每批至多 1000 行，同一事务，全部成功或全部撤销）' })
  batches: number;
}

export class AgencyImportErrorDto implements Contract.AgencyImportError {
  @ApiProperty({
    nullable: true,
    type: Number,
    description: '行号（与 Excel 一致，表头为第 1 行）',
  })
  row: number | null;

  @ApiProperty({ nullable: true, enum: AGENCY_COLUMNS.map((column) => column.key) })
  column: AgencyColumn | null;

  @ApiProperty({ example: '上级编码“330100”不存在：文件中和系统中都没有这个编码' })
  message: string;
}

/** The 422 body of a refused import (nothing was written). */
export class AgencyImportFailureDto
  implements Contract.ApiErrorWithRows<Contract.AgencyImportError>
{
  @ApiProperty({ example: 422 })
  statusCode: number;

  @ApiProperty({ example: 'AGENCY_IMPORT_INVALID' })
  code: string;

  @ApiProperty({ example: '导入文件有 2 处错误，未导入任何数据' })
  message: string;

  @ApiProperty({ type: [AgencyImportErrorDto] })
  errors: AgencyImportErrorDto[];
}
