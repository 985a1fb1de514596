import {
  BadRequestException,
  ConflictException,
  HttpStatus,
  NotFoundException,
  UnprocessableEntityException,
} from '@nestjs/common';
import { toErrorBody } from './all-exceptions.filter';

describe('toErrorBody', () => {
  it('keeps the code and message a thrower gives', () => {
    expect(toErrorBody(new ConflictException({ code: 'REPORT_DUPLICATE', message: '该文件已上传' }))).toEqual({
      statusCode: 409,
      code: 'REPORT_DUPLICATE',
      message: '该文件已上传',
    });
  });

  it('passes an errors array through, and nothing else the thrower adds', () => {
    const errors = [{ row: 3, column: 'level', message: '层级“省”无效' }];
    expect(
      toErrorBody(new UnprocessableEntityException({ code: 'AGENCY_IMPORT_INVALID', message: '导入文件有 1 处错误', errors, secret: 'x' })),
    ).toEqual({ statusCode: 422, code: 'AGENCY_IMPORT_INVALID', message: '导入文件有 1 处错误', errors });
    expect(toErrorBody(new ConflictException({ code: 'X', message: '冲突', errors: 'not a list' }))).not.toHaveProperty('errors');
  });

  it('replaces Nest default reason phrases with Chinese messages and stable codes', () => {
    expect(toErrorBody(new NotFoundException('Cannot GET /api/nope'))).toEqual({
      statusCode: 404,
      code: 'NOT_FOUND',
      message: '请求的资源不存在',
    });
    expect(toErrorBody(new BadRequestException())).toEqual({
      statusCode: 400,
      code: 'BAD_REQUEST',
      message: '请求无效',
    });
  });

  it('joins validation messages', () => {
    expect(toErrorBody(new BadRequestException({ message: ['year must be an integer', 'agencyId should not be empty'] })).message).toBe(
      'year must be an integer；agencyId should not be empty',
    );
  });

  it('names malformed JSON bodies', () => {
    expect(toErrorBody(new BadRequestException("Expected property name or '}' in JSON at position 1"))).toEqual({
      statusCode: 400,
      code: 'MALFORMED_BODY',
      message: '请求体不是合法的 JSON',
    });
  });

  it('maps body-parser size errors to 413', () => {
    expect(toErrorBody(Object.assign(new Error('request entity too large'), { status: 413, type: 'entity.too.large' }))).toEqual({
      statusCode: HttpStatus.PAYLOAD_TOO_LARGE,
      code: 'PAYLOAD_TOO_LARGE',
      message: '上传内容超过大小限制',
    });
  });

  it('never leaks the details of unexpected errors', () => {
    expect(toErrorBody(new Error('password authentication failed for user "atlas"'))).toEqual({
      statusCode: 500,
      code: 'INTERNAL_ERROR',
      message: '服务器内部错误，请稍后再试',
    });
  });
});
