import { applyDecorators } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, ValidateBy, type ValidationOptions } from 'class-validator';
import { FIRST_REPORT_YEAR, latestReportYear } from '../reporting-calendar';

/**
 * Validation of the request fields several modules take (a year, an agency, a page number), so
 * reports, deadlines and analytics filters agree on what they accept and how they refuse it.
 */

/** The year a report is on: an integer from 2008 to the current year (checked at request time). */
function IsReportYear(options?: ValidationOptions) {
  return ValidateBy(
    {
      name: 'isReportYear',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'number' &&
          Number.isInteger(value) &&
          value >= FIRST_REPORT_YEAR &&
          value <= latestReportYear(),
        defaultMessage: () => `year 应为 ${FIRST_REPORT_YEAR}–${latestReportYear()} 之间的整数年份`,
      },
    },
    options,
  );
}

/** Multipart fields and query strings arrive as text: "2023" becomes 2023, "abc" NaN (refused). */
const toNumber = Type(() => Number);

export const ReportYearField = (options: { optional: boolean }) =>
  applyDecorators(...(options.optional ? [IsOptional()] : []), toNumber, IsReportYear());

export const AgencyIdField = (options: { optional: boolean }) =>
  applyDecorators(
    ...(options.optional ? [IsOptional()] : []),
    IsUUID('all', { message: 'agencyId 必须是 UUID' }),
  );

export const PositiveIntField = (name: string, options: { optional: boolean; max?: number }) =>
  applyDecorators(
    ...(options.optional ? [IsOptional()] : []),
    toNumber,
    IsInt({ message: `${name} 必须是正整数` }),
    ValidateBy({
      name: 'isPositiveInRange',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'number' &&
          value >= 1 &&
          value <= (options.max ?? Number.MAX_SAFE_INTEGER),
        defaultMessage: () =>
          options.max ? `${name} 应在 1–${options.max} 之间` : `${name} 必须是正整数`,
      },
    }),
  );
