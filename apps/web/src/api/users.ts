import type { CreateUserRequest, UpdateUserRequest, UserDto } from '@atlas/api-contract';
import { http } from './request';

export type { CreateUserRequest, UpdateUserRequest } from '@atlas/api-contract';
/** What the account form sends to change a user. */
export type UpdateUserInput = UpdateUserRequest;

export { USERNAME_PATTERN } from '@atlas/api-contract';

export function listUsers(): Promise<UserDto[]> {
  return http.get<UserDto[]>('/users');
}

/** Silent: the form shows the API's reason next to the fields. */
export function createUser(input: CreateUserRequest): Promise<UserDto> {
  return http.post<UserDto>('/users', input, { silent: true });
}

export function updateUser(id: string, input: UpdateUserInput): Promise<UserDto> {
  return http.patch<UserDto>(`/users/${encodeURIComponent(id)}`, input, { silent: true });
}
