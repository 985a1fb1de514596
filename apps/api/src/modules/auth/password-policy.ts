import { UnprocessableEntityException } from '@nestjs/common';
import { MIN_PASSWORD_LENGTH } from '@atlas/api-contract';
import { COMMON_PASSWORDS } from './common-passwords';

/**
 * Why a new password is refused, or null. NIST SP 800-63B §3.1.1.2 / OWASP: a minimum length,
 * no composition rules, but not a commonly used password and not derived from the account name.
 */
export function passwordWeakness(password: string, username: string): string | null {
  if ([...password].length < MIN_PASSWORD_LENGTH) return `密码至少 ${MIN_PASSWORD_LENGTH} 个字符`;
  const lower = password.toLowerCase();
  const name = username.toLowerCase();
  if (name.length > 0 && (lower.includes(name) || name.includes(lower)))
    return '密码不能包含用户名，也不能是用户名的一部分';
  if (COMMON_PASSWORDS.has(lower)) return '该密码过于常见，容易被猜中，请换一个';
  if (new Set(lower).size === 1) return '密码不能由同一个字符重复组成';
  return null;
}

/** 422 PASSWORD_TOO_WEAK with the reason when the password may not be used for the account. */
export function assertStrongPassword(password: string, username: string): void {
  const weakness = passwordWeakness(password, username);
  if (weakness)
    throw new UnprocessableEntityException({ code: 'PASSWORD_TOO_WEAK', message: weakness });
}
