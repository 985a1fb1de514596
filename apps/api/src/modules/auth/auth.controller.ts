import {
  Body,
  Controller,
  Get,
  Header,
  HttpCode,
  HttpStatus,
  Post,
  Req,
  Res,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { AuthUser } from '../../common/auth/auth-user';
import { BeforePasswordChange, CurrentUser, Public } from '../../common/auth/auth.decorators';
import { AuthService } from './auth.service';
import { ChangePasswordDto, LoginDto, LoginResponseDto, UserDto } from './dto/auth.dto';
import { RateLimited } from '../../common/http/rate-limit';
import { requestAddress } from '../../common/http/request-address';
import { DeviceCookies } from './throttling/device-cookie';
import { AccountLockedException, ClientLoginsLimitedException } from './throttling/login-attempts';
import { UsersService } from './users.service';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
    private readonly devices: DeviceCookies,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(HttpStatus.OK)
  @RateLimited('login')
  // The answer carries a token: no browser or proxy may keep it.
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: '登录 / log in; the token goes in Authorization: Bearer',
    description:
      '成功后设置 HttpOnly 的设备 Cookie（atlas_device）：该浏览器之后的登录尝试单独计数，' +
      '他人在别处猜错密码导致的账号锁定不影响它。',
  })
  @ApiOkResponse({ type: LoginResponseDto })
  @ApiUnauthorizedResponse({ description: 'INVALID_CREDENTIALS, ACCOUNT_DISABLED' })
  @ApiTooManyRequestsResponse({
    description:
      'ACCOUNT_LOCKED (five wrong passwords; the same answer for names that do not exist), ' +
      'RATE_LIMITED (too many sign-ins from this address or overall); Retry-After',
  })
  async login(
    @Body() body: LoginDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<LoginResponseDto> {
    try {
      const answer = await this.auth.login(body.username, body.password, {
        address: requestAddress(request),
        device: this.devices.read(request.headers.cookie),
      });
      response.setHeader('Set-Cookie', this.devices.issue(answer.user.id, request.secure));
      return answer;
    } catch (error) {
      if (error instanceof AccountLockedException || error instanceof ClientLoginsLimitedException)
        response.setHeader('Retry-After', error.retryAfterHeader);
      throw error;
    }
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
  @Header('Cache-Control', 'no-store')
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
