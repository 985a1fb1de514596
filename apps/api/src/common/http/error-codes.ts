import { HttpStatus } from '@nestjs/common';

/** The stable machine code for a status when the thrower gave none. */
export function defaultErrorCode(status: number): string {
  switch (status) {
    case HttpStatus.BAD_REQUEST:
      return 'BAD_REQUEST';
    case HttpStatus.UNAUTHORIZED:
      return 'UNAUTHORIZED';
    case HttpStatus.FORBIDDEN:
      return 'FORBIDDEN';
    case HttpStatus.NOT_FOUND:
      return 'NOT_FOUND';
    case HttpStatus.METHOD_NOT_ALLOWED:
      return 'METHOD_NOT_ALLOWED';
    case HttpStatus.CONFLICT:
      return 'CONFLICT';
    case HttpStatus.PAYLOAD_TOO_LARGE:
      return 'PAYLOAD_TOO_LARGE';
    case HttpStatus.UNSUPPORTED_MEDIA_TYPE:
      return 'UNSUPPORTED_MEDIA_TYPE';
    case HttpStatus.UNPROCESSABLE_ENTITY:
      return 'UNPROCESSABLE_ENTITY';
    case HttpStatus.TOO_MANY_REQUESTS:
      return 'TOO_MANY_REQUESTS';
    case HttpStatus.SERVICE_UNAVAILABLE:
      return 'SERVICE_UNAVAILABLE';
    default:
      return status >= 500 ? 'INTERNAL_ERROR' : 'HTTP_ERROR';
  }
}

/** Chinese fallback messages, for errors thrown without a message of their own. */
export function defaultErrorMessage(status: number): string {
  switch (status) {
    case HttpStatus.BAD_REQUEST:
      return '请求无效';
    case HttpStatus.UNAUTHORIZED:
      return '请先登录';
    case HttpStatus.FORBIDDEN:
      return '没有权限执行此操作';
    case HttpStatus.NOT_FOUND:
      return '请求的资源不存在';
    case HttpStatus.PAYLOAD_TOO_LARGE:
      return '上传内容超过大小限制';
    case HttpStatus.TOO_MANY_REQUESTS:
      return '请求过于频繁，请稍后再试';
    default:
      return status >= 500 ? '服务器内部错误，请稍后再试' : '请求失败';
  }
}
