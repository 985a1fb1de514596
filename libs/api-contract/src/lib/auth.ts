/* /api/auth (sign-in, the session) and /api/users (accounts, admins only). */

/** Oversight users see agency subtrees, uploaders one agency, admins everything. */
export const ROLES = ['admin', 'oversight', 'uploader'] as const;
export type Role = (typeof ROLES)[number];

/** 3–64 letters, digits, `_`, `.` or `-`. */
export const USERNAME_PATTERN = /^[A-Za-z0-9_.-]{3,64}$/;

/** The API refuses shorter passwords. */
export const MIN_PASSWORD_LENGTH = 8;

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
  mustChangePassword: boolean;
}

export interface LoginRequest {
  username: string;
  password: string;
}

export interface LoginResponse {
  accessToken: string;
  /** Seconds until the token expires. */
  expiresIn: number;
  user: UserDto;
}

/** Other sessions end; the answer (a LoginResponse) carries the new token of this one. */
export interface ChangePasswordRequest {
  currentPassword: string;
  newPassword: string;
}

export interface CreateUserRequest {
  username: string;
  displayName: string;
  password: string;
  role: Role;
  /** Uploader only. */
  agencyId?: string;
  /** Oversight only: roots of the subtrees it may see. */
  scopeAgencyIds?: string[];
}

/** Only the fields sent change; `password` resets it and signs the user out everywhere. */
export interface UpdateUserRequest {
  displayName?: string;
  role?: Role;
  agencyId?: string;
  scopeAgencyIds?: string[];
  disabled?: boolean;
  password?: string;
}
