import type { Request } from 'express';

/** The client's address for the audit log (behind a proxy, set `trust proxy`). */
export function requestAddress(request: Request): string | null {
  return request.ip ?? request.socket.remoteAddress ?? null;
}
