import { createSecretKey } from 'node:crypto';
import { type DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { UserEntity } from './entities/user.entity';
import { UserScopeEntity } from './entities/user-scope.entity';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

@Module({})
export class AuthModule {
  static register(sessionSecret: string): DynamicModule {
    return {
      module: AuthModule,
      // Accounts are cross-cutting: any context may ask who an id is (UsersService).
      global: true,
      imports: [
        TypeOrmModule.forFeature([UserEntity, UserScopeEntity]),
        // A key object made once: given a string, every verification first tries to read it as a
        // public key and fails (a thrown exception per request) before taking it as a secret.
        JwtModule.register({ secret: createSecretKey(Buffer.from(sessionSecret, 'utf8')) }),
      ],
      controllers: [AuthController, UsersController],
      providers: [AuthService, UsersService, { provide: APP_GUARD, useClass: AuthGuard }],
      exports: [AuthService, UsersService],
    };
  }
}
