import {
  ROLES,
  type ChangePasswordRequest,
  type LoginRequest,
  type LoginResponse,
  type Role,
  type UserDto,
} from '@atlas/api-contract';
import { http } from './request';

export {
  MIN_PASSWORD_LENGTH,
  ROLES,
  type LoginResponse,
  type Role,
  type UserDto,
} from '@atlas/api-contract';

export function isRole(value: unknown): value is Role {
  return ROLES.includes(value as Role);
}

/** Silent: the sign-in form shows the reason (wrong password, locked, disabled) itself. */
export function login(username: string, password: string): Promise<LoginResponse> {
  return http.post<LoginResponse>('/auth/login', { username, password } satisfies LoginRequest, {
    silent: true,
    ignoreUnauthorized: true,
  });
}

/** Ends every session of the user (all devices). */
export function logout(): Promise<void> {
  return http.post<void>('/auth/logout', undefined, { silent: true, ignoreUnauthorized: true });
}

/** Checks a stored token: a 401 means it expired, which the caller handles without a message. */
export function getCurrentUser(): Promise<UserDto> {
  return http.get<UserDto>('/auth/me', { silent: true, ignoreUnauthorized: true });
}

/** Other sessions end; the answer carries the new token of this one. */
export function changePassword(
  currentPassword: string,
  newPassword: string,
): Promise<LoginResponse> {
  return http.post<LoginResponse>(
    '/auth/password',
    { currentPassword, newPassword } satisfies ChangePasswordRequest,
    { silent: true },
  );
}
