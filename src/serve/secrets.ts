/**
 * Passwords, session ids, unit link tokens and CSRF tokens. Secrets never reach the database in
 * the clear: the password as an scrypt hash, ids and tokens as SHA-256.
 */
import { createHash, createHmac, randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

const SCRYPT = { N: 16384, r: 8, p: 1 } as const;
const KEY_LEN = 32;

export function hashPassword(password: string, salt: Buffer = randomBytes(16)): string {
  const key = scryptSync(password.normalize('NFC'), salt, KEY_LEN, { ...SCRYPT, maxmem: 64 * 1024 * 1024 });
  return `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

export function verifyPassword(password: string, stored: string): boolean {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [, n, r, p, salt, hash] = parts as [string, string, string, string, string, string];
  const expected = Buffer.from(hash, 'base64url');
  const key = scryptSync(password.normalize('NFC'), Buffer.from(salt, 'base64url'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: 64 * 1024 * 1024,
  });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** A random secret for a URL or cookie: 32 bytes (256 bits), base64url. */
export function newSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Tokens bound to one purpose and subject (a session, a unit link), checked in constant time. */
export class CsrfKeys {
  constructor(private readonly key: Buffer = randomBytes(32)) {}

  token(purpose: string, subject: string): string {
    return createHmac('sha256', this.key).update(`${purpose}\0${subject}`).digest('base64url');
  }

  check(purpose: string, subject: string, given: unknown): boolean {
    if (typeof given !== 'string' || given.length > 100) return false;
    const a = Buffer.from(this.token(purpose, subject));
    const b = Buffer.from(given);
    return a.length === b.length && timingSafeEqual(a, b);
  }
}
