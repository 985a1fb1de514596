import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { MAX_FILE_NAME_LENGTH } from '../report-file';

/**
 * Validation of the upload's own fields (the year, agency and page fields several modules share
 * are in common/http/request-fields.ts).
 */

const trimmed = Transform(({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim() : value,
);

export const FileNameField = () =>
  applyDecorators(
    IsOptional(),
    trimmed,
    IsString({ message: 'fileName 必须是文本' }),
    MaxLength(MAX_FILE_NAME_LENGTH, {
      message: `fileName 不能超过 ${MAX_FILE_NAME_LENGTH} 个字符`,
    }),
  );

/** The size of pasted text is limited by the upload limit (checked in the service, 413). */
export const PastedTextField = () =>
  applyDecorators(IsOptional(), IsString({ message: 'text 必须是文本' }));
