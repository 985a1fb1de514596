import type { Role, UserDto } from './auth';
import { http } from './request';

export interface CreateUserInput {
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
export interface UpdateUserInput {
  displayName?: string;
  role?: Role;
  agencyId?: string;
  scopeAgencyIds?: string[];
  disabled?: boolean;
  password?: string;
}

/** The username rule of the API (CreateUserDto). */
export const USERNAME_PATTERN = /^[A-Za-z0-9_.-]{3,64}$/;

export function listUsers(): Promise<UserDto[]> {
  return http.get<UserDto[]>('/users');
}

/** Silent: the form shows the API's reason next to the fields. */
export function createUser(input: CreateUserInput): Promise<UserDto> {
  return http.post<UserDto>('/users', input, { silent: true });
}

export function updateUser(id: string, input: UpdateUserInput): Promise<UserDto> {
  return http.patch<UserDto>(`/users/${encodeURIComponent(id)}`, input, { silent: true });
}
