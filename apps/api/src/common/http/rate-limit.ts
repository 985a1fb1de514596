import {
  applyDecorators,
  type ExecutionContext,
  HttpException,
  HttpStatus,
  Injectable,
  SetMetadata,
  UseGuards,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ThrottlerGuard, type ThrottlerLimitDetail } from '@nestjs/throttler';
import type { Response } from 'express';

/** Routes limited together: every throttler named `<group>:…` counts the routes of its group. */
export const RATE_LIMIT_GROUPS = ['login', 'upload', 'import'] as const;
export type RateLimitGroup = (typeof RATE_LIMIT_GROUPS)[number];

const RATE_LIMIT_GROUP = 'atlas:rate-limit-group';
const reflector = new Reflector();

const REFUSALS: Record<RateLimitGroup, string> = {
  login: '登录请求过于频繁',
  upload: '上传或预览过于频繁',
  import: '导入请求过于频繁',
};

/** Counts the route against the throttlers of its group (the auth module defines them). */
export function RateLimited(group: RateLimitGroup): MethodDecorator & ClassDecorator {
  return applyDecorators(SetMetadata(RATE_LIMIT_GROUP, group), UseGuards(RateLimitGuard));
}

export function rateLimitGroupOf(context: ExecutionContext): RateLimitGroup | undefined {
  return reflector.getAllAndOverride<RateLimitGroup | undefined>(RATE_LIMIT_GROUP, [
    context.getHandler(),
    context.getClass(),
  ]);
}

/** The group a throttler named `<group>:<what it counts>` belongs to. */
export function throttlerGroup(throttlerName: string): RateLimitGroup | undefined {
  const group = throttlerName.split(':')[0];
  return RATE_LIMIT_GROUPS.find((known) => known === group);
}

/**
 * @nestjs/throttler's guard answering like every other error: 429 RATE_LIMITED with a Chinese
 * reason and a plain Retry-After (the library names it Retry-After-<throttler>).
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected override async throwThrottlingException(
    context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    const seconds = Math.max(1, detail.timeToBlockExpire);
    context.switchToHttp().getResponse<Response>().setHeader('Retry-After', String(seconds));
    const group = rateLimitGroupOf(context) ?? 'upload';
    throw new HttpException(
      { code: 'RATE_LIMITED', message: `${REFUSALS[group]}，请 ${waitText(seconds)}后再试` },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}

/** "45 秒", "3 分钟": what a person waits. */
export function waitText(seconds: number): string {
  return seconds < 120 ? `${seconds} 秒` : `${Math.ceil(seconds / 60)} 分钟`;
}
