import {
  type CanActivate,
  type ExecutionContext,
  ForbiddenException,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '../../common/auth/auth-user';
import { ALLOWED_ROLES, type AuthenticatedRequest, BEFORE_PASSWORD_CHANGE, IS_PUBLIC } from '../../common/auth/auth.decorators';
import { AuthService } from './auth.service';

/**
 * Global: every route needs a valid bearer token unless marked @Public(), and the role that
 * @Roles() names. Scoping to agencies is the job of each context's service.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const [scheme, token] = (request.headers.authorization ?? '').split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !token) {
      throw new UnauthorizedException({ code: 'UNAUTHENTICATED', message: '请先登录' });
    }
    const user = await this.auth.authenticate(token);
    request.user = user;
    if (user.mustChangePassword && !this.reflector.getAllAndOverride<boolean>(BEFORE_PASSWORD_CHANGE, targets)) {
      throw new ForbiddenException({
        code: 'PASSWORD_CHANGE_REQUIRED',
        message: '请先修改管理员设置的初始密码，再继续使用',
      });
    }

    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ALLOWED_ROLES, targets);
    if (roles && !roles.includes(user.role)) {
      throw new ForbiddenException({ code: 'FORBIDDEN', message: '没有权限执行此操作' });
    }
    return true;
  }
}
