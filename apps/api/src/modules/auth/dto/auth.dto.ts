import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { MIN_PASSWORD_LENGTH } from '../password';
import { ROLES, type Role } from '../../../common/auth/auth-user';
import type * as Contract from '@atlas/api-contract';

export class LoginDto implements Contract.LoginRequest {
  @ApiProperty({ example: 'admin' })
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  username: string;

  @ApiProperty({ example: 'atlas-demo' })
  @IsString()
  @MinLength(1)
  @MaxLength(256)
  password: string;
}

export class ChangePasswordDto implements Contract.ChangePasswordRequest {
  @ApiProperty()
  @IsString()
  @MaxLength(256)
  currentPassword: string;

  @ApiProperty({ minLength: MIN_PASSWORD_LENGTH })
  @IsString()
  @MinLength(MIN_PASSWORD_LENGTH, { message: `新密码至少 ${MIN_PASSWORD_LENGTH} 个字符` })
  @MaxLength(256)
  newPassword: string;
}

export class UserDto implements Contract.UserDto {
  @ApiProperty() id: string;
  @ApiProperty() username: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiProperty({ type: String, nullable: true }) agencyId: string | null;
  @ApiProperty({ type: [String] }) scopeAgencyIds: string[];
  @ApiPropertyOptional() disabled?: boolean;
  @ApiPropertyOptional({ type: String, nullable: true }) lastLoginAt?: string | null;
  @ApiProperty({ description: 'An admin chose the password: only changing it is allowed until then' })
  mustChangePassword: boolean;
}

export class LoginResponseDto implements Contract.LoginResponse {
  @ApiProperty() accessToken: string;
  @ApiProperty({ description: 'Seconds until the token expires' }) expiresIn: number;
  @ApiProperty({ type: UserDto }) user: UserDto;
}
