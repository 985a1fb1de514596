import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import {
  AGENCY_CODE_MAX_LENGTH,
  AGENCY_CODE_PATTERN,
  AGENCY_CODE_RULE,
  AGENCY_KIND_LABELS,
  AGENCY_KINDS,
  AGENCY_LEVEL_LABELS,
  AGENCY_LEVELS,
  AGENCY_NAME_MAX_LENGTH,
  AGENCY_YEAR_MAX,
  AGENCY_YEAR_MIN,
} from '../agency-taxonomy';

/** Validation shared by the request DTOs, so create, update and filters agree on every rule. */

const trimmed = Transform(({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim() : value,
);

/** Absent means "leave as is"; null is refused (the field cannot be empty). */
const presentOrAbsent = ValidateIf((_object: object, value: unknown) => value !== undefined);

export const CodeField = (options: { optional: boolean }) =>
  applyDecorators(
    ...(options.optional ? [presentOrAbsent] : []),
    trimmed,
    IsString({ message: '编码必须是文本' }),
    MaxLength(AGENCY_CODE_MAX_LENGTH, { message: `编码不能超过 ${AGENCY_CODE_MAX_LENGTH} 个字符` }),
    Matches(AGENCY_CODE_PATTERN, { message: AGENCY_CODE_RULE }),
  );

export const NameField = (options: { optional: boolean }) =>
  applyDecorators(
    ...(options.optional ? [presentOrAbsent] : []),
    trimmed,
    IsString({ message: '名称必须是文本' }),
    IsNotEmpty({ message: '名称不能为空' }),
    MaxLength(AGENCY_NAME_MAX_LENGTH, { message: `名称不能超过 ${AGENCY_NAME_MAX_LENGTH} 个字` }),
  );

const levelChoices = AGENCY_LEVELS.map((level) => `${level}(${AGENCY_LEVEL_LABELS[level]})`).join(
  '、',
);
const kindChoices = AGENCY_KINDS.map((kind) => `${kind}(${AGENCY_KIND_LABELS[kind]})`).join('、');

export const LevelField = (options: { optional: boolean }) =>
  applyDecorators(
    options.optional ? presentOrAbsent : IsNotEmpty({ message: '层级不能为空' }),
    IsIn(AGENCY_LEVELS, { message: `层级应为 ${levelChoices} 之一` }),
  );

export const KindField = (options: { optional: boolean }) =>
  applyDecorators(
    options.optional ? presentOrAbsent : IsNotEmpty({ message: '类型不能为空' }),
    IsIn(AGENCY_KINDS, { message: `类型应为 ${kindChoices} 之一` }),
  );

/** Optional and nullable: null means "no parent" (a root). */
export const ParentIdField = () =>
  applyDecorators(IsOptional(), IsUUID('all', { message: '上级机构 id 必须是 UUID' }));

/** Optional and nullable: null means "no limit". */
export const YearField = (label: string) =>
  applyDecorators(
    IsOptional(),
    IsInt({ message: `${label}必须是整数年份` }),
    Min(AGENCY_YEAR_MIN, { message: `${label}不能早于 ${AGENCY_YEAR_MIN}` }),
    Max(AGENCY_YEAR_MAX, { message: `${label}不能晚于 ${AGENCY_YEAR_MAX}` }),
  );

export const SearchTextField = () =>
  applyDecorators(
    IsOptional(),
    trimmed,
    IsString({ message: '搜索词必须是文本' }),
    MaxLength(100, { message: '搜索词不能超过 100 个字' }),
  );

export const OptionalLevelFilter = () =>
  applyDecorators(IsOptional(), IsIn(AGENCY_LEVELS, { message: `层级应为 ${levelChoices} 之一` }));

export const OptionalKindFilter = () =>
  applyDecorators(IsOptional(), IsIn(AGENCY_KINDS, { message: `类型应为 ${kindChoices} 之一` }));
