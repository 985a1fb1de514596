import { MIN_PASSWORD_LENGTH } from '@atlas/api-contract';
import { COMMON_PASSWORDS } from './common-passwords';
import { assertStrongPassword, passwordWeakness } from './password-policy';

describe('password policy', () => {
  it('refuses the most common passwords, whatever their case', () => {
    expect(passwordWeakness('12345678', 'zhangsan')).toBe('该密码过于常见，容易被猜中，请换一个');
    expect(passwordWeakness('PassWord', 'zhangsan')).toMatch(/常见/);
    expect(passwordWeakness('woaini1314', 'zhangsan')).toMatch(/常见/);
  });

  it('ships a list of a few hundred, none shorter than the minimum length', () => {
    expect(COMMON_PASSWORDS.size).toBeGreaterThan(300);
    for (const password of COMMON_PASSWORDS)
      expect(password.length).toBeGreaterThanOrEqual(MIN_PASSWORD_LENGTH);
  });

  it('refuses the user name, a password containing it, or a part of it', () => {
    expect(passwordWeakness('hz-uploader', 'hz-uploader')).toMatch(/用户名/);
    expect(passwordWeakness('HZ-Uploader!2024', 'hz-uploader')).toMatch(/用户名/);
    expect(passwordWeakness('uploader', 'hz-uploader-2024')).toMatch(/用户名/);
  });

  it('refuses short passwords and one repeated character', () => {
    expect(passwordWeakness('a1b2c3', 'zhangsan')).toBe(`密码至少 ${MIN_PASSWORD_LENGTH} 个字符`);
    expect(passwordWeakness('zzzzzzzzzzzz', 'zhangsan')).toMatch(/同一个字符/);
  });

  it('accepts a long password of the user’s own', () => {
    expect(passwordWeakness('qingshui-river-1987', 'zhangsan')).toBeNull();
    expect(passwordWeakness('政务公开年报2024', 'zhangsan')).toBeNull();
    expect(() => assertStrongPassword('12345678', 'zhangsan')).toThrow(
      expect.objectContaining({
        response: { code: 'PASSWORD_TOO_WEAK', message: expect.any(String) },
      }),
    );
  });
});
