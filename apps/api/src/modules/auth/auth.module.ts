import { createSecretKey } from 'node:crypto';
import { type DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { UserEntity } from './entities/user.entity';
import { UserScopeEntity } from './entities/user-scope.entity';
import { DeviceCookies } from './throttling/device-cookie';
import { LoginAttempts } from './throttling/login-attempts';
import { type LoginLimits, rateLimitOptions } from './throttling/rate-limits';
import { PostgresThrottleStore } from './throttling/throttle-store';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

@Module({})
export class AuthModule {
  static register(sessionSecret: string, loginLimits: LoginLimits): DynamicModule {
    const devices = new DeviceCookies(sessionSecret);
    return {
      module: AuthModule,
      // Accounts are cross-cutting: any context may ask who an id is (UsersService).
      global: true,
      imports: [
        TypeOrmModule.forFeature([UserEntity, UserScopeEntity]),
        // A key object made once: given a string, every verification first tries to read it as a
        // public key and fails (a thrown exception per request) before taking it as a secret.
        JwtModule.register({ secret: createSecretKey(Buffer.from(sessionSecret, 'utf8')) }),
        // Global: the rate-limited routes of other contexts (@RateLimited) use the same counters.
        ThrottlerModule.forRootAsync({
          inject: [DataSource],
          useFactory: (dataSource: DataSource) =>
            rateLimitOptions(new PostgresThrottleStore(dataSource), devices, loginLimits),
        }),
      ],
      controllers: [AuthController, UsersController],
      providers: [
        AuthService,
        UsersService,
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: DeviceCookies, useValue: devices },
        {
          provide: LoginAttempts,
          inject: [DataSource],
          useFactory: (dataSource: DataSource) =>
            new LoginAttempts(new PostgresThrottleStore(dataSource)),
        },
      ],
      exports: [AuthService, UsersService],
    };
  }
}
