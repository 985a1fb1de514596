import { Body, Controller, Get, HttpCode, HttpStatus, Post, Req } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Request } from 'express';
import type { AuthUser } from '../../common/auth/auth-user';
import { BeforePasswordChange, CurrentUser, Public } from '../../common/auth/auth.decorators';
import { AuthService } from './auth.service';
import { ChangePasswordDto, LoginDto, LoginResponseDto, UserDto } from './dto/auth.dto';
import { requestAddress } from '../../common/http/request-address';
import { UsersService } from './users.service';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: '登录 / log in; the token goes in Authorization: Bearer' })
  @ApiOkResponse({ type: LoginResponseDto })
  @ApiUnauthorizedResponse({ description: 'INVALID_CREDENTIALS, ACCOUNT_DISABLED' })
  login(@Body() body: LoginDto, @Req() request: Request): Promise<LoginResponseDto> {
    return this.auth.login(body.username, body.password, requestAddress(request));
  }

  @Post('logout')
  @BeforePasswordChange()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiBearerAuth()
  @ApiOperation({ summary: '退出登录 / sign out of every session' })
  @ApiNoContentResponse()
  logout(@CurrentUser() user: AuthUser, @Req() request: Request): Promise<void> {
    return this.auth.logout(user, requestAddress(request));
  }

  @Get('me')
  @BeforePasswordChange()
  @ApiBearerAuth()
  @ApiOperation({ summary: '当前用户 / who am I' })
  @ApiOkResponse({ type: UserDto })
  me(@CurrentUser() user: AuthUser): Promise<UserDto> {
    return this.users.get(user.id);
  }

  @Post('password')
  @BeforePasswordChange()
  @HttpCode(HttpStatus.OK)
  @ApiBearerAuth()
  @ApiOperation({
    summary: '修改密码 / change password (other sessions end; a new token is returned)',
  })
  @ApiOkResponse({ type: LoginResponseDto })
  changePassword(
    @CurrentUser() user: AuthUser,
    @Body() body: ChangePasswordDto,
    @Req() request: Request,
  ): Promise<LoginResponseDto> {
    return this.auth.changePassword(
      user,
      body.currentPassword,
      body.newPassword,
      requestAddress(request),
    );
  }
}
