import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { ROLES, type Role } from '../../../common/auth/auth-user';
import { MIN_PASSWORD_LENGTH } from '../password';
import { USERNAME_PATTERN } from '@atlas/api-contract';
import type * as Contract from '@atlas/api-contract';

export class CreateUserDto implements Contract.CreateUserRequest {
  @ApiProperty({ example: 'hz-uploader' })
  @IsString()
  @Matches(USERNAME_PATTERN, { message: '用户名为 3–64 位字母、数字或 _ . -' })
  username: string;

  @ApiProperty({ example: '洪泽区政府办 填报员' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  displayName: string;

  @ApiProperty({ minLength: MIN_PASSWORD_LENGTH })
  @IsString()
  @MinLength(MIN_PASSWORD_LENGTH, { message: `密码至少 ${MIN_PASSWORD_LENGTH} 个字符` })
  @MaxLength(256)
  password: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role: Role;

  @ApiPropertyOptional({ description: 'Uploader: the agency it reports for' })
  @IsOptional()
  @IsUUID()
  agencyId?: string;

  @ApiPropertyOptional({
    type: [String],
    description: 'Oversight: roots of the subtrees it may see',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true })
  scopeAgencyIds?: string[];
}

export class UpdateUserDto implements Contract.UpdateUserRequest {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  displayName?: string;

  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;

  @ApiPropertyOptional({ description: 'Uploader: the agency it reports for' })
  @IsOptional()
  @IsUUID()
  agencyId?: string;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true })
  scopeAgencyIds?: string[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  disabled?: boolean;

  @ApiPropertyOptional({ description: 'Sets a new password (and signs the user out everywhere)' })
  @IsOptional()
  @IsString()
  @MinLength(MIN_PASSWORD_LENGTH, { message: `密码至少 ${MIN_PASSWORD_LENGTH} 个字符` })
  @MaxLength(256)
  password?: string;
}
