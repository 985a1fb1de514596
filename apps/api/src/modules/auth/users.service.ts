import {
  ConflictException,
  Inject,
  Injectable,
  Logger,
  NotFoundException,
  type OnApplicationBootstrap,
  UnprocessableEntityException,
} from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, type EntityManager, QueryFailedError, type Repository } from 'typeorm';
import { APP_CONFIG, APP_RUNTIME, type AppConfig, type AppRuntime } from '../../common/runtime';
import { type Actor, AuditService, SYSTEM } from '../audit';
import type { AuthUser, Role } from '../../common/auth/auth-user';
import type { UserDto } from './dto/auth.dto';
import type { CreateUserDto, UpdateUserDto } from './dto/user-admin.dto';
import { UserEntity } from './entities/user.entity';
import { UserScopeEntity } from './entities/user-scope.entity';
import { hashPassword } from './password';
import { assertStrongPassword } from './password-policy';
import { SessionCache } from './session-cache';

/** The demo's first admin (README); only with the embedded database. */
export const DEMO_ADMIN = { username: 'admin', password: 'atlas-demo' } as const;

export function toUserDto(user: UserEntity): UserDto {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    agencyId: user.agencyId,
    scopeAgencyIds: (user.scopes ?? []).map((scope) => scope.agencyId).sort(),
    disabled: user.disabled,
    lastLoginAt: user.lastLoginAt ? user.lastLoginAt.toISOString() : null,
    mustChangePassword: user.mustChangePassword,
  };
}

/** What a request's token is checked against. */
export interface SessionUser {
  readonly user: AuthUser;
  readonly disabled: boolean;
  readonly tokenVersion: number;
}

/** How long an account read for a request may serve the next ones on this instance. */
export const SESSION_CACHE_MS = 2000;

export function toAuthUser(user: UserEntity): AuthUser {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    agencyId: user.agencyId,
    scopeAgencyIds: (user.scopes ?? []).map((scope) => scope.agencyId),
    ...(user.mustChangePassword ? { mustChangePassword: true } : {}),
  };
}

@Injectable()
export class UsersService implements OnApplicationBootstrap {
  private readonly logger = new Logger(UsersService.name);

  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(APP_RUNTIME) private readonly runtime: AppRuntime,
  ) {}

  private readonly sessions = new SessionCache<SessionUser | null>(SESSION_CACHE_MS, 10_000);

  /**
   * There is always an admin: the embedded demo gets admin / atlas-demo; an external database
   * gets one from ATLAS_ADMIN_PASSWORD, and start-up stops without it.
   */
  async onApplicationBootstrap(): Promise<void> {
    if ((await this.users.countBy({ role: 'admin' })) > 0) return;
    const password =
      this.config.adminPassword ??
      (this.runtime.embeddedDatabase ? DEMO_ADMIN.password : undefined);
    if (!password) {
      throw new Error(
        '数据库中还没有管理员账号：请设置 ATLAS_ADMIN_PASSWORD（至少 8 个字符）后再启动 / no admin exists yet: set ATLAS_ADMIN_PASSWORD',
      );
    }
    await this.users.insert({
      username: DEMO_ADMIN.username,
      displayName: '系统管理员',
      passwordHash: await hashPassword(password),
      role: 'admin',
      agencyId: null,
      passwordChangedAt: new Date(),
    });
    this.logger.log(`created the first admin account "${DEMO_ADMIN.username}"`);
  }

  /** The oldest active admin, acting for system tasks such as seeding the demo. */
  async systemActor(): Promise<AuthUser> {
    const admin = await this.users.findOne({
      where: { role: 'admin', disabled: false },
      relations: { scopes: true },
      order: { createdAt: 'ASC' },
    });
    if (!admin) throw new Error('no active admin account');
    return toAuthUser(admin);
  }

  /**
   * The user as a guarded route would see it, for work done later on its behalf (a queued
   * import); null when the account is gone or disabled, as its token would be refused.
   */
  async authUserOf(id: string): Promise<AuthUser | null> {
    const user = await this.findWithScopes(id);
    return user && !user.disabled ? toAuthUser(user) : null;
  }

  /**
   * The active uploader accounts of an agency: who hears about its report. Pass the caller's
   * manager to read inside its transaction.
   */
  async activeUploaderIds(agencyId: string, manager?: EntityManager): Promise<string[]> {
    const repository = manager ? manager.getRepository(UserEntity) : this.users;
    const users = await repository.find({
      select: { id: true },
      where: { role: 'uploader', agencyId, disabled: false },
      order: { createdAt: 'ASC' },
    });
    return users.map((user) => user.id);
  }

  findForLogin(username: string): Promise<UserEntity | null> {
    return this.users
      .createQueryBuilder('user')
      .leftJoinAndSelect('user.scopes', 'scope')
      .where('lower(user.username) = lower(:username)', { username })
      .getOne();
  }

  /**
   * The account as an authenticated request checks it (AuthService.authenticate): read at most
   * once per SESSION_CACHE_MS per account on this instance (see SessionCache), forgotten at once
   * by every change made here.
   */
  sessionUser(id: string): Promise<SessionUser | null> {
    return this.sessions.get(id, async () => {
      const user = await this.findWithScopes(id);
      return user
        ? {
            // Shared by the requests it serves: frozen, so that none can change it for the others.
            user: Object.freeze({
              ...toAuthUser(user),
              scopeAgencyIds: Object.freeze(user.scopes.map((scope) => scope.agencyId)),
            }) as AuthUser,
            disabled: user.disabled,
            tokenVersion: user.tokenVersion,
          }
        : null;
    });
  }

  /** After a change to the account made outside this service (sign-out, a new password). */
  forgetSession(id: string): void {
    this.sessions.forget(id);
  }

  /** One query (findOne with a relation takes two: ids first, then the join). */
  findWithScopes(id: string): Promise<UserEntity | null> {
    return this.users
      .createQueryBuilder('user')
      .leftJoinAndSelect('user.scopes', 'scope')
      .where('user.id = :id', { id })
      .getOne();
  }

  async list(): Promise<UserDto[]> {
    const users = await this.users.find({
      relations: { scopes: true },
      order: { username: 'ASC' },
    });
    return users.map(toUserDto);
  }

  async get(id: string): Promise<UserDto> {
    const user = await this.findWithScopes(id);
    if (!user) throw new NotFoundException({ code: 'USER_NOT_FOUND', message: '用户不存在' });
    return toUserDto(user);
  }

  /**
   * `usersOwnPassword`: the password is not an admin's choice for someone else (the demo's
   * published accounts), so the first sign-in does not ask for a new one.
   */
  async create(input: CreateUserDto, by: Actor = SYSTEM, options: { usersOwnPassword?: boolean } = {}): Promise<UserDto> {
    assertRoleShape(input.role, input.agencyId ?? null, input.scopeAgencyIds ?? []);
    // The demo's and the benchmark's published accounts are public on purpose.
    if (options.usersOwnPassword !== true) assertStrongPassword(input.password, input.username);
    const passwordHash = await hashPassword(input.password);
    const id = await this.writeAgencyBound(async (manager) => {
      const taken = await manager
        .getRepository(UserEntity)
        .createQueryBuilder('user')
        .where('lower(user.username) = lower(:username)', { username: input.username })
        .getExists();
      if (taken)
        throw new ConflictException({
          code: 'USERNAME_TAKEN',
          message: `用户名“${input.username}”已被使用`,
        });
      const { id } = await manager.getRepository(UserEntity).save({
        username: input.username,
        displayName: input.displayName,
        passwordHash,
        role: input.role,
        agencyId: input.role === 'uploader' ? (input.agencyId ?? null) : null,
        passwordChangedAt: new Date(),
        // The admin chose it: the user picks their own at first sign-in.
        mustChangePassword: options.usersOwnPassword !== true,
        scopes:
          input.role === 'oversight'
            ? (input.scopeAgencyIds ?? []).map((agencyId) => ({ agencyId }))
            : [],
      });
      await this.audit.record(
        {
          ...by,
          action: 'user.create',
          targetType: 'user',
          targetId: id,
          details: { username: input.username, role: input.role },
        },
        manager,
      );
      return id;
    });
    // Again once committed: a request that read the account meanwhile saw it unchanged.
    this.sessions.forget(id);
    return this.get(id);
  }

  async update(id: string, input: UpdateUserDto, by: Actor = SYSTEM): Promise<UserDto> {
    await this.writeAgencyBound(async (manager) => {
      const repository = manager.getRepository(UserEntity);
      const user = await repository.findOne({
        where: { id },
        relations: { scopes: true },
        lock: { mode: 'pessimistic_write', tables: ['app_user'] },
      });
      if (!user) throw new NotFoundException({ code: 'USER_NOT_FOUND', message: '用户不存在' });
      const role = input.role ?? user.role;
      const agencyId = role === 'uploader' ? (input.agencyId ?? user.agencyId) : null;
      const scopes =
        role === 'oversight'
          ? (input.scopeAgencyIds ?? user.scopes.map((scope) => scope.agencyId))
          : [];
      assertRoleShape(role, agencyId, scopes);
      if (input.password !== undefined) assertStrongPassword(input.password, user.username);
      if (user.role === 'admin' && (role !== 'admin' || input.disabled === true))
        await this.assertAnotherAdmin(manager, user.id);

      const signOut = input.password !== undefined || input.disabled === true || role !== user.role;
      await repository.update(user.id, {
        displayName: input.displayName ?? user.displayName,
        role,
        agencyId,
        disabled: input.disabled ?? user.disabled,
        ...(input.password !== undefined
          ? { passwordHash: await hashPassword(input.password), passwordChangedAt: new Date(), mustChangePassword: true }
          : {}),
        ...(signOut ? { tokenVersion: user.tokenVersion + 1 } : {}),
      });
      await manager.getRepository(UserScopeEntity).delete({ userId: user.id });
      if (scopes.length > 0)
        await manager
          .getRepository(UserScopeEntity)
          .insert(scopes.map((agencyId) => ({ userId: user.id, agencyId })));
      this.sessions.forget(user.id);
      await this.audit.record(
        {
          ...by,
          action: 'user.update',
          targetType: 'user',
          targetId: user.id,
          details: {
            fields: Object.keys(input).filter((key) => key !== 'password'),
            passwordReset: input.password !== undefined,
          },
        },
        manager,
      );
    });
    // Again once committed: a request that read the account meanwhile saw it unchanged.
    this.sessions.forget(id);
    return this.get(id);
  }

  /** Never leave the system without an active admin. */
  private async assertAnotherAdmin(manager: EntityManager, exceptId: string): Promise<void> {
    const others = await manager
      .getRepository(UserEntity)
      .createQueryBuilder('user')
      .where("user.role = 'admin' AND NOT user.disabled AND user.id <> :id", { id: exceptId })
      .getCount();
    if (others === 0)
      throw new ConflictException({
        code: 'LAST_ADMIN',
        message: '这是最后一个可用的管理员账号，不能停用或降级',
      });
  }

  /** Runs a write in one transaction, turning a missing agency (foreign key) into a 422. */
  private async writeAgencyBound<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await this.dataSource.transaction(work);
    } catch (error) {
      if (
        error instanceof QueryFailedError &&
        (error.driverError as { code?: string }).code === '23503'
      ) {
        throw new UnprocessableEntityException({
          code: 'AGENCY_NOT_FOUND',
          message: '指定的单位不存在',
        });
      }
      throw error;
    }
  }
}

function assertRoleShape(
  role: Role,
  agencyId: string | null,
  scopeAgencyIds: readonly string[],
): void {
  if (role === 'uploader' && !agencyId) {
    throw new UnprocessableEntityException({
      code: 'UPLOADER_NEEDS_AGENCY',
      message: '填报用户必须指定所属单位（agencyId）',
    });
  }
  if (role === 'oversight' && scopeAgencyIds.length === 0) {
    throw new UnprocessableEntityException({
      code: 'OVERSIGHT_NEEDS_SCOPE',
      message: '监督用户至少要指定一个可查看的单位范围（scopeAgencyIds）',
    });
  }
}
