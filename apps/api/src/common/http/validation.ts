import {
  BadRequestException,
  ParseUUIDPipe,
  ValidationPipe,
  type ValidationError,
} from '@nestjs/common';

/** DTOs are validated at the edge: unknown fields are refused, values converted to their types. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) =>
      new BadRequestException({
        code: 'VALIDATION_FAILED',
        message: `请求参数无效：${describeValidationErrors(errors).join('；')}`,
      }),
  });
}

export function describeValidationErrors(errors: ValidationError[], parent = ''): string[] {
  return errors.flatMap((error) => {
    const path = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((text) =>
      text.startsWith(error.property)
        ? `${path}${text.slice(error.property.length)}`
        : `${path}: ${text}`,
    );
    return [...own, ...describeValidationErrors(error.children ?? [], path)];
  });
}

/** Route ids are UUIDs; anything else is a 400 in the common shape, with a Chinese message. */
export const parseIdPipe = new ParseUUIDPipe({
  exceptionFactory: () =>
    new BadRequestException({ code: 'VALIDATION_FAILED', message: '请求参数无效：id 应为 UUID' }),
});
