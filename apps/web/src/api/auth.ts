import { http } from './request';

/** The three roles of the API: oversight users see agency subtrees, uploaders one agency. */
export const ROLES = ['admin', 'oversight', 'uploader'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return ROLES.includes(value as Role);
}

/** An account as the API describes it (GET /api/auth/me, /api/users). */
export interface UserDto {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  /** Uploader: the agency it reports for. */
  agencyId: string | null;
  /** Oversight: roots of the agency subtrees it may see. */
  scopeAgencyIds: string[];
  disabled?: boolean;
  lastLoginAt?: string | null;
  /** An admin chose the password: the API refuses everything else until the user picks their own. */
  mustChangePassword?: boolean;
}

export interface LoginResponse {
  accessToken: string;
  /** Seconds until the token expires. */
  expiresIn: number;
  user: UserDto;
}

/** The API refuses shorter passwords (apps/api auth/password.ts). */
export const MIN_PASSWORD_LENGTH = 8;

/** Silent: the sign-in form shows the reason (wrong password, locked, disabled) itself. */
export function login(username: string, password: string): Promise<LoginResponse> {
  return http.post<LoginResponse>(
    '/auth/login',
    { username, password },
    { silent: true, ignoreUnauthorized: true },
  );
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
    { currentPassword, newPassword },
    { silent: true },
  );
}
