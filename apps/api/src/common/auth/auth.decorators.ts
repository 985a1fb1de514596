import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Request } from 'express';
import type { AuthUser, Role } from './auth-user';

export const IS_PUBLIC = 'atlas:isPublic';
export const ALLOWED_ROLES = 'atlas:roles';
export const BEFORE_PASSWORD_CHANGE = 'atlas:beforePasswordChange';

/** The route needs no login (health, login itself). Everything else does. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/**
 * The route serves a user who must still replace the password an admin chose (who am I,
 * change password, sign out); every other route refuses them until they have.
 */
export const BeforePasswordChange = () => SetMetadata(BEFORE_PASSWORD_CHANGE, true);

/** Only these roles may call the route (checked after authentication). */
export const Roles = (...roles: Role[]) => SetMetadata(ALLOWED_ROLES, roles);

export interface AuthenticatedRequest extends Request {
  user?: AuthUser;
}

/** The authenticated caller of a guarded route. */
export const CurrentUser = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AuthUser => {
    const user = context.switchToHttp().getRequest<AuthenticatedRequest>().user;
    if (!user) throw new Error('CurrentUser used on a route without authentication');
    return user;
  },
);
