import {
  HttpException,
  HttpStatus,
  Inject,
  Injectable,
  UnauthorizedException,
  UnprocessableEntityException,
} from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../common/runtime';
import { AuditService } from '../audit';
import type { AuthUser } from '../../common/auth/auth-user';
import type { LoginResponseDto } from './dto/auth.dto';
import { UserEntity } from './entities/user.entity';
import { dummyPasswordHash, hashPassword, verifyPassword } from './password';
import { toAuthUser, toUserDto, UsersService } from './users.service';

/** Five wrong passwords in a row lock the account for a quarter of an hour. */
export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MINUTES = 15;

interface TokenClaims {
  sub: string;
  ver: number;
}

const INVALID_CREDENTIALS = { code: 'INVALID_CREDENTIALS', message: '用户名或密码错误' };

@Injectable()
export class AuthService {
  constructor(
    private readonly usersService: UsersService,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    private readonly jwt: JwtService,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async login(
    username: string,
    password: string,
    address: string | null,
  ): Promise<LoginResponseDto> {
    const user = await this.usersService.findForLogin(username);
    if (!user) {
      await verifyPassword(await dummyPasswordHash(), password);
      await this.audit.record({
        actor: null,
        address,
        action: 'auth.login_failed',
        details: { username, reason: 'unknown user' },
      });
      throw new UnauthorizedException(INVALID_CREDENTIALS);
    }
    const now = new Date();
    if (user.lockedUntil && user.lockedUntil > now) {
      const minutes = Math.ceil((user.lockedUntil.getTime() - now.getTime()) / 60_000);
      throw new HttpException(
        {
          code: 'ACCOUNT_LOCKED',
          message: `登录失败次数过多，账号已临时锁定，请 ${minutes} 分钟后再试`,
        },
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }
    if (!(await verifyPassword(user.passwordHash, password))) {
      const failures = user.failedLogins + 1;
      const locked = failures >= MAX_FAILED_LOGINS;
      await this.users.update(user.id, {
        failedLogins: locked ? 0 : failures,
        lockedUntil: locked ? new Date(now.getTime() + LOCKOUT_MINUTES * 60_000) : user.lockedUntil,
      });
      await this.audit.record({
        actor: { id: user.id, username: user.username },
        address,
        action: locked ? 'auth.locked' : 'auth.login_failed',
        targetType: 'user',
        targetId: user.id,
      });
      throw new UnauthorizedException(INVALID_CREDENTIALS);
    }
    if (user.disabled) {
      throw new UnauthorizedException({
        code: 'ACCOUNT_DISABLED',
        message: '该账号已停用，请联系管理员',
      });
    }
    await this.users.update(user.id, { failedLogins: 0, lockedUntil: null, lastLoginAt: now });
    await this.audit.record({
      actor: user,
      address,
      action: 'auth.login',
      targetType: 'user',
      targetId: user.id,
    });
    return this.issueToken(user);
  }

  /** Ends every session of the user: tokens carrying the old version stop working. */
  async logout(user: AuthUser, address: string | null): Promise<void> {
    await this.users.increment({ id: user.id }, 'tokenVersion', 1);
    await this.audit.record({
      actor: user,
      address,
      action: 'auth.logout',
      targetType: 'user',
      targetId: user.id,
    });
  }

  async changePassword(
    actor: AuthUser,
    currentPassword: string,
    newPassword: string,
    address: string | null,
  ): Promise<LoginResponseDto> {
    const user = await this.usersService.findWithScopes(actor.id);
    if (!user || !(await verifyPassword(user.passwordHash, currentPassword))) {
      throw new UnprocessableEntityException({ code: 'WRONG_PASSWORD', message: '当前密码不正确' });
    }
    if (currentPassword === newPassword) {
      throw new UnprocessableEntityException({
        code: 'PASSWORD_UNCHANGED',
        message: '新密码不能与当前密码相同',
      });
    }
    user.passwordHash = await hashPassword(newPassword);
    user.passwordChangedAt = new Date();
    user.tokenVersion += 1;
    user.mustChangePassword = false;
    await this.users.update(user.id, {
      passwordHash: user.passwordHash,
      passwordChangedAt: user.passwordChangedAt,
      tokenVersion: user.tokenVersion,
      mustChangePassword: false,
    });
    await this.audit.record({
      actor,
      address,
      action: 'auth.password_change',
      targetType: 'user',
      targetId: user.id,
    });
    return this.issueToken(user);
  }

  /** The caller behind a bearer token, or 401 when it is invalid, expired or revoked. */
  async authenticate(token: string): Promise<AuthUser> {
    let claims: TokenClaims;
    try {
      claims = await this.jwt.verifyAsync<TokenClaims>(token);
    } catch {
      throw new UnauthorizedException({ code: 'INVALID_TOKEN', message: '登录已失效，请重新登录' });
    }
    const user = await this.usersService.findWithScopes(claims.sub);
    if (!user || user.disabled || user.tokenVersion !== claims.ver) {
      throw new UnauthorizedException({ code: 'INVALID_TOKEN', message: '登录已失效，请重新登录' });
    }
    return toAuthUser(user);
  }

  private async issueToken(user: UserEntity): Promise<LoginResponseDto> {
    const expiresIn = Math.round(this.config.tokenTtlHours * 3600);
    const claims: TokenClaims = { sub: user.id, ver: user.tokenVersion };
    const accessToken = await this.jwt.signAsync(claims, { expiresIn });
    return { accessToken, expiresIn, user: toUserDto(user) };
  }
}
