import { describe, it, expect } from '@jest/globals';
import { authenticate } from './basic-auth.js';

const expected = { username: 'alice', password: 's3cret:with:colons' };
const basic = (user: string, password: string): string => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

describe('authenticate', () => {
  it('returns the user name for the right credentials, colons in the password included', () => {
    expect(authenticate(basic('alice', 's3cret:with:colons'), expected)).toBe('alice');
  });

  it.each([
    ['no header', undefined],
    ['a wrong password', basic('alice', 'guess')],
    ['a wrong user', basic('bob', 's3cret:with:colons')],
    ['a bearer token', 'Bearer abc'],
    ['no colon', `Basic ${Buffer.from('alice').toString('base64')}`],
    ['garbage', 'Basic !!!'],
  ])('refuses %s', (_label, header) => {
    expect(authenticate(header, expected)).toBeUndefined();
  });
});
