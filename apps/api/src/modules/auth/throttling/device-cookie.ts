import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { cookieValue } from '../../../common/http/cookies';

/** The browser that signed in to an account before (OWASP "device cookies"). */
export const DEVICE_COOKIE = 'atlas_device';
const DEVICE_COOKIE_MAX_AGE_S = 180 * 24 * 3600;

export interface KnownDevice {
  readonly userId: string;
  readonly deviceId: string;
}

/**
 * Issues and checks the signed cookie a browser receives after a correct password. A wrong
 * password from a client that has one counts against that device, not against the account, so
 * an attacker who locks an account out for unknown clients does not lock out its owner.
 */
export class DeviceCookies {
  constructor(private readonly secret: string) {}

  /** A fresh device id for the account, as a Set-Cookie header value. */
  issue(userId: string, secure: boolean): string {
    const value = this.sign(userId, randomBytes(16).toString('hex'));
    return [
      `${DEVICE_COOKIE}=${value}`,
      'Path=/api/auth',
      `Max-Age=${DEVICE_COOKIE_MAX_AGE_S}`,
      'HttpOnly',
      'SameSite=Strict',
      ...(secure ? ['Secure'] : []),
    ].join('; ');
  }

  /** The device a request's Cookie header names, or null when absent or not signed by us. */
  read(cookieHeader: string | undefined): KnownDevice | null {
    const value = cookieValue(cookieHeader, DEVICE_COOKIE);
    const [userId, deviceId, mac] = value?.split('.') ?? [];
    if (!userId || !deviceId || !mac) return null;
    const expected = Buffer.from(this.mac(userId, deviceId));
    const given = Buffer.from(mac);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    return { userId, deviceId };
  }

  private sign(userId: string, deviceId: string): string {
    return `${userId}.${deviceId}.${this.mac(userId, deviceId)}`;
  }

  private mac(userId: string, deviceId: string): string {
    return createHmac('sha256', this.secret)
      .update(`device:${userId}.${deviceId}`)
      .digest('base64url');
  }
}
