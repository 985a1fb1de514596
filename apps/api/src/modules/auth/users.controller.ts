import { Body, Controller, Get, Param, Patch, Post, Req } from '@nestjs/common';
import { parseIdPipe } from '../../common/http/validation';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Request } from 'express';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser, Roles } from '../../common/auth/auth.decorators';
import { UserDto } from './dto/auth.dto';
import { CreateUserDto, UpdateUserDto } from './dto/user-admin.dto';
import { requestAddress } from '../../common/http/request-address';
import { UsersService } from './users.service';

@ApiTags('users')
@ApiBearerAuth()
@Roles('admin')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOperation({ summary: '用户列表 / all accounts' })
  @ApiOkResponse({ type: [UserDto] })
  list(): Promise<UserDto[]> {
    return this.users.list();
  }

  @Get(':id')
  @ApiOkResponse({ type: UserDto })
  get(@Param('id', parseIdPipe) id: string): Promise<UserDto> {
    return this.users.get(id);
  }

  @Post()
  @ApiOperation({ summary: '新建用户 / create an account' })
  @ApiCreatedResponse({ type: UserDto })
  create(
    @Body() body: CreateUserDto,
    @CurrentUser() actor: AuthUser,
    @Req() request: Request,
  ): Promise<UserDto> {
    return this.users.create(body, { actor, address: requestAddress(request) });
  }

  @Patch(':id')
  @ApiOperation({ summary: '修改用户（角色、范围、停用、重置密码）/ update an account' })
  @ApiOkResponse({ type: UserDto })
  update(
    @Param('id', parseIdPipe) id: string,
    @Body() body: UpdateUserDto,
    @CurrentUser() actor: AuthUser,
    @Req() request: Request,
  ): Promise<UserDto> {
    return this.users.update(id, body, { actor, address: requestAddress(request) });
  }
}
