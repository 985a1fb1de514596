import {
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
import { assertStrongPassword } from './password-policy';
import type { KnownDevice } from './throttling/device-cookie';
import {
  AccountLockedException,
  ClientLoginsLimitedException,
  LoginAttempts,
} from './throttling/login-attempts';
import { toUserDto, UsersService } from './users.service';

export { LOCKOUT_MINUTES, MAX_FAILED_LOGINS } from './throttling/login-attempts';

/** Who is signing in: the address (for the audit log) and the device cookie it sent, if any. */
export interface LoginClient {
  readonly address: string | null;
  readonly device: KnownDevice | null;
}

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
    private readonly attempts: LoginAttempts,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Checks a password at most MAX_FAILED_LOGINS times in a row per account name, existing or
   * not, and per browser that signed in to the account before (see LoginAttempts): a claim is
   * taken before the password is checked; a refused claim answers AccountLockedException at once.
   */
  async login(username: string, password: string, client: LoginClient): Promise<LoginResponseDto> {
    const user = await this.usersService.findForLogin(username);
    const device = user && client.device?.userId === user.id ? client.device : null;
    if (!device) {
      const wait = await this.attempts.clientWait(client.address);
      if (wait > 0) throw new ClientLoginsLimitedException(wait);
    }
    const claim = await this.attempts.claim(username, device);
    if (!claim.granted) throw new AccountLockedException(claim.retryAfterSeconds);

    // An unknown name is checked against a dummy hash: both answers take as long.
    const correct =
      (await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password)) &&
      user !== null;
    if (!correct || !user) {
      const lockedUntil = await this.attempts.failed(claim);
      if (claim.counter.kind === 'account') await this.attempts.clientFailed(client.address);
      if (user && claim.counter.kind === 'account')
        await this.users.update(user.id, {
          failedLogins: claim.attempt,
          ...(lockedUntil ? { lockedUntil } : {}),
        });
      await this.audit.record({
        actor: user ? { id: user.id, username: user.username } : null,
        address: client.address,
        action: lockedUntil ? 'auth.locked' : 'auth.login_failed',
        ...(user ? { targetType: 'user', targetId: user.id } : {}),
        details: {
          ...(user ? {} : { username, reason: 'unknown user' }),
          ...(claim.counter.kind === 'device' ? { knownDevice: true } : {}),
        },
      });
      throw new UnauthorizedException(INVALID_CREDENTIALS);
    }
    if (user.disabled) {
      throw new UnauthorizedException({
        code: 'ACCOUNT_DISABLED',
        message: '该账号已停用，请联系管理员',
      });
    }
    await this.attempts.succeeded(claim);
    const now = new Date();
    // A sign-in from a known device leaves a lock that unknown clients caused in place.
    await this.users.update(
      user.id,
      claim.counter.kind === 'account'
        ? { failedLogins: 0, lockedUntil: null, lastLoginAt: now }
        : { lastLoginAt: now },
    );
    await this.audit.record({
      actor: user,
      address: client.address,
      action: 'auth.login',
      targetType: 'user',
      targetId: user.id,
    });
    return this.issueToken(user);
  }

  /** Ends every session of the user: tokens carrying the old version stop working. */
  async logout(user: AuthUser, address: string | null): Promise<void> {
    await this.users.increment({ id: user.id }, 'tokenVersion', 1);
    this.usersService.forgetSession(user.id);
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
    assertStrongPassword(newPassword, user.username);
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
    this.usersService.forgetSession(user.id);
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
    const session = await this.usersService.sessionUser(claims.sub);
    if (!session || session.disabled || session.tokenVersion !== claims.ver) {
      throw new UnauthorizedException({ code: 'INVALID_TOKEN', message: '登录已失效，请重新登录' });
    }
    return session.user;
  }

  private async issueToken(user: UserEntity): Promise<LoginResponseDto> {
    const expiresIn = Math.round(this.config.tokenTtlHours * 3600);
    const claims: TokenClaims = { sub: user.id, ver: user.tokenVersion };
    const accessToken = await this.jwt.signAsync(claims, { expiresIn });
    return { accessToken, expiresIn, user: toUserDto(user) };
  }
}
