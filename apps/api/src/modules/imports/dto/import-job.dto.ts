import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  AGENCY_INFERENCES,
  IMPORT_ITEM_STATUSES,
  IMPORT_JOB_STATUSES,
  YEAR_SOURCES,
  PREVIEW_FILE_STATUSES,
} from '../import-status';
import type * as Contract from '@atlas/api-contract';

/** The 202 answer to an accepted zip: the job waits for the queue. */
export class ImportCreatedDto implements Contract.ImportCreated {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['queued'] }) status: 'queued';
  @ApiProperty({ description: '压缩包中待导入的文件数' }) total: number;
}

export class ImportInferenceDto implements Contract.ImportInference {
  @ApiPropertyOptional({
    enum: AGENCY_INFERENCES,
    description: 'name：文件中的单位名称与某个可见单位完全一致；uploader：文件未写单位，按填报人员的本单位',
  })
  agency?: Contract.AgencyInference;

  @ApiPropertyOptional({ enum: ['document'], description: 'document：年度从文件中读出' })
  year?: 'document';

  @ApiPropertyOptional({ enum: YEAR_SOURCES, description: '年度在文件中的位置（标题、统计期间、正文、文件名）' })
  yearSource?: Contract.YearSource;
}

export class ImportFindingCountsDto implements Contract.FindingCounts {
  @ApiProperty({ description: '错误数' }) errors: number;
  @ApiProperty({ description: '提示数' }) warnings: number;
}

export class ImportItemDto implements Contract.ImportItem {
  @ApiProperty({ example: 'pingtan-2021/source.txt', description: '压缩包中的路径' })
  fileName: string;
  @ApiProperty() size: number;
  @ApiProperty() sha256: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) agencyId: string | null;
  @ApiProperty({ nullable: true, type: String, description: '单位编码（清单中填写的或推断出的）' })
  agencyCode: string | null;
  @ApiProperty({ nullable: true, type: String, description: '单位名称（系统中的，未匹配时为文件中的）' })
  agencyName: string | null;
  @ApiProperty({ nullable: true, type: Number }) year: number | null;
  @ApiProperty({ type: ImportInferenceDto, description: '清单未给出、由系统推断的内容及依据' })
  inferred: ImportInferenceDto;
  @ApiProperty({ enum: IMPORT_ITEM_STATUSES }) status: Contract.ImportItemStatus;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) reportId: string | null;
  @ApiProperty({ nullable: true, type: Number, description: '新建的（或已有的相同）版本号' })
  version: number | null;
  @ApiProperty({ nullable: true, type: ImportFindingCountsDto, description: '导入版本的检查结果数' })
  findingCounts: ImportFindingCountsDto | null;
  @ApiProperty({ nullable: true, type: String, example: 'PARSE_NOT_A_REPORT' }) code: string | null;
  @ApiProperty({ nullable: true, type: String, description: '失败原因或说明' }) message: string | null;
  @ApiProperty({ nullable: true, type: String }) finishedAt: string | null;
}

export class ImportJobSummaryDto implements Contract.ImportJobSummary {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: IMPORT_JOB_STATUSES }) status: Contract.ImportJobStatus;
  @ApiProperty({ description: '上传的压缩包文件名' }) fileName: string;
  @ApiProperty({ format: 'uuid' }) createdBy: string;
  @ApiProperty() total: number;
  @ApiProperty({ description: '已处理的文件数' }) done: number;
  @ApiProperty() imported: number;
  @ApiProperty() duplicates: number;
  @ApiProperty() failed: number;
  @ApiProperty() createdAt: string;
  @ApiProperty({ nullable: true, type: String }) startedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) finishedAt: string | null;
}

export class ImportJobDto extends ImportJobSummaryDto implements Contract.ImportJob {
  @ApiProperty({ type: [ImportItemDto] }) items: ImportItemDto[];
}

export class ImportJobPageDto implements Contract.ImportJobPage {
  @ApiProperty({ type: [ImportJobSummaryDto] }) items: ImportJobSummaryDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export class ImportManifestProblemDto implements Contract.ManifestProblem {
  @ApiProperty({ nullable: true, type: Number, description: '行号（表头为第 1 行）' }) row: number | null;
  @ApiProperty({ nullable: true, enum: ['file', 'agency_code', 'year'] })
  column: Contract.ManifestProblem['column'];
  @ApiProperty() message: string;
}

/** The 422 body of a refused manifest (nothing was written). */
export class ImportManifestFailureDto
  implements Contract.ApiErrorWithRows<Contract.ManifestProblem>
{
  @ApiProperty({ example: 422 }) statusCode: number;
  @ApiProperty({ example: 'IMPORT_MANIFEST_INVALID' }) code: string;
  @ApiProperty({ example: 'manifest.csv 有 1 处错误，未导入任何文件' }) message: string;
  @ApiProperty({ type: [ImportManifestProblemDto] }) errors: ImportManifestProblemDto[];
}

/** One file of a preview: where it will go and what it was read as, or why it will not be imported. */
export class ImportPreviewFileDto implements Contract.ImportPreviewFile {
  @ApiProperty({ example: 'pingtan-2021/source.txt', description: '压缩包中的路径' })
  fileName: string;
  @ApiProperty() size: number;
  @ApiProperty({ description: '文件内容的 SHA-256；确认导入时每个文件须与此一致' }) sha256: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) agencyId: string | null;
  @ApiProperty({ nullable: true, type: String }) agencyCode: string | null;
  @ApiProperty({ nullable: true, type: String }) agencyName: string | null;
  @ApiProperty({ nullable: true, type: Number }) year: number | null;
  @ApiProperty({ type: ImportInferenceDto }) inferred: ImportInferenceDto;
  @ApiProperty({ enum: PREVIEW_FILE_STATUSES, description: 'ready：确认后将导入；failed：不会导入（见 message）' })
  status: Contract.PreviewFileStatus;
  @ApiProperty({ nullable: true, type: String, example: 'pdf' }) format: string | null;
  @ApiProperty({ nullable: true, type: ImportFindingCountsDto, description: '本报告内检查的结果数（跨年度检查在导入时进行）' })
  findingCounts: ImportFindingCountsDto | null;
  @ApiProperty({ nullable: true, type: String }) code: string | null;
  @ApiProperty({ nullable: true, type: String }) message: string | null;
}

/** The 201 answer to a previewed zip: every file read once, kept until confirmed or expired. */
export class ImportPreviewDto implements Contract.ImportPreview {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: '上传的压缩包文件名' }) fileName: string;
  @ApiProperty({ description: '过期时间；过期后须重新预览' }) expiresAt: string;
  @ApiProperty() total: number;
  @ApiProperty({ description: '确认后将导入的文件数' }) ready: number;
  @ApiProperty() failed: number;
  @ApiProperty({ type: [ImportPreviewFileDto] }) files: ImportPreviewFileDto[];
}
