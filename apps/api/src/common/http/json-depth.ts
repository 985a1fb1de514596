import { BadRequestException } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';

/** Deeper than any request body of the API (its DTOs nest three levels at most). */
export const MAX_JSON_DEPTH = 32;

/**
 * True when the parsed value nests deeper than `max` arrays or objects. Walked with an explicit
 * stack: the validation and class-transformer that come next recurse, and 20,000 levels
 * overflow their call stack (a 500 instead of a 400).
 */
export function nestsDeeperThan(value: unknown, max: number): boolean {
  const pending: [unknown, number][] = [[value, 0]];
  while (pending.length > 0) {
    const [current, depth] = pending.pop() as [unknown, number];
    if (typeof current !== 'object' || current === null) continue;
    if (depth + 1 > max) return true;
    for (const child of Object.values(current)) pending.push([child, depth + 1]);
  }
  return false;
}

/** Express middleware after the JSON body parser: too deep a body is a 400 with a reason. */
export function refuseDeepJson(request: Request, _response: Response, next: NextFunction): void {
  if (nestsDeeperThan(request.body, MAX_JSON_DEPTH)) {
    next(
      new BadRequestException({
        code: 'JSON_TOO_DEEP',
        message: `请求体 JSON 嵌套层数过多（最多 ${MAX_JSON_DEPTH} 层）`,
      }),
    );
    return;
  }
  next();
}
