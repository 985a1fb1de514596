import { defineStore } from 'pinia';
import { computed, ref, watch } from 'vue';
import * as authApi from '../api/auth';
import type { Role, UserDto } from '../api/auth';
import { ApiError, setAuthToken } from '../api/request';
import { readStorage, TOKEN_STORAGE_KEY, writeStorage } from './storage';

export { TOKEN_STORAGE_KEY };

/**
 * Who is signed in. The bearer token is kept in localStorage so a reload stays signed in; the
 * user is read from GET /api/auth/me once per page load (`ensureUser`), never from storage, so
 * a role changed by an admin applies on the next load.
 */
export const useAuthStore = defineStore('auth', () => {
  const token = ref<string | null>(readStorage(TOKEN_STORAGE_KEY));
  const user = ref<UserDto | null>(null);
  let pendingUser: Promise<UserDto | null> | null = null;

  watch(
    token,
    (value) => {
      setAuthToken(value);
      writeStorage(TOKEN_STORAGE_KEY, value);
    },
    { immediate: true, flush: 'sync' },
  );

  const role = computed<Role | null>(() => user.value?.role ?? null);
  const isAuthenticated = computed(() => token.value !== null && user.value !== null);

  function startSession(response: authApi.LoginResponse) {
    token.value = response.accessToken;
    user.value = response.user;
  }

  /** Forgets the token and the user here; the API session is ended by `logout`. */
  function clearSession() {
    token.value = null;
    user.value = null;
    pendingUser = null;
  }

  async function login(username: string, password: string): Promise<UserDto> {
    const response = await authApi.login(username, password);
    startSession(response);
    return response.user;
  }

  /**
   * The signed-in user, loaded once for a stored token; null without a token or when the API
   * no longer accepts it (the token is then dropped). Other failures (network) reject, keeping
   * the token for a later try.
   */
  function ensureUser(): Promise<UserDto | null> {
    if (user.value) return Promise.resolve(user.value);
    const current = token.value;
    if (current === null) return Promise.resolve(null);
    pendingUser ??= authApi
      .getCurrentUser()
      .then((loaded) => {
        if (token.value !== current) return user.value;
        user.value = loaded;
        return loaded;
      })
      .catch((error: unknown) => {
        if (error instanceof ApiError && error.statusCode === 401) {
          if (token.value === current) clearSession();
          return null;
        }
        throw error;
      })
      .finally(() => {
        pendingUser = null;
      });
    return pendingUser;
  }

  /** Ends the session on the API (every device of the user) and here, even if the API is unreachable. */
  async function logout(): Promise<void> {
    try {
      if (token.value) await authApi.logout();
    } catch {
      /* the local session ends regardless */
    } finally {
      clearSession();
    }
  }

  /** Keeps this session going with the new token; the user's other sessions end. */
  async function changePassword(currentPassword: string, newPassword: string): Promise<void> {
    startSession(await authApi.changePassword(currentPassword, newPassword));
  }

  function hasRole(roles: readonly Role[] | undefined): boolean {
    return roles === undefined || (role.value !== null && roles.includes(role.value));
  }

  return {
    token,
    user,
    role,
    isAuthenticated,
    login,
    logout,
    ensureUser,
    changePassword,
    clearSession,
    hasRole,
  };
});
