import { describe, expect, it } from 'vitest';
import {
  PASSWORD_ALPHABET, PASSWORD_DIGITS, PASSWORD_LETTERS, generatePassword,
} from '../../main/services/credentials/password-generator';
import { generatePasscode, isTrivialPasscode } from '../../main/services/credentials/passcode-generator';

describe('generated passwords', () => {
  it('have 12 characters from lowercase letters and digits without 0 o 1 l i', () => {
    expect(PASSWORD_LETTERS).toBe('abcdefghjkmnpqrstuvwxyz');
    expect(PASSWORD_DIGITS).toBe('23456789');
    for (let i = 0; i < 1000; i++) {
      const p = generatePassword();
      expect(p).toMatch(/^[a-hjkmnp-z2-9]{12}$/);
      expect(p).not.toMatch(/[0o1li]/);
    }
  });

  it('are uniform over the alphabet (chi-square over 310,000 characters)', () => {
    const counts = new Map<string, number>([...PASSWORD_ALPHABET].map((c) => [c, 0]));
    const draws = 310_000;
    for (let i = 0; i < draws / 10; i++) for (const c of generatePassword(10)) counts.set(c, counts.get(c)! + 1);
    const expected = draws / PASSWORD_ALPHABET.length;
    const chi2 = [...counts.values()].reduce((s, o) => s + (o - expected) ** 2 / expected, 0);
    // 30 degrees of freedom: P(chi2 > 85) ≈ 4e-7, so a fair generator practically never fails;
    // a modulo-biased one scores in the thousands here.
    expect(chi2).toBeLessThan(85);
  });

  it('detect bias: a modulo-biased generator fails the same check', () => {
    const counts = new Array<number>(PASSWORD_ALPHABET.length).fill(0);
    const draws = 310_000;
    // what rejection sampling prevents: byte % 31 favours the first 8 characters
    for (let i = 0; i < draws; i++) counts[Math.floor(Math.random() * 256) % PASSWORD_ALPHABET.length]! += 1;
    const expected = draws / PASSWORD_ALPHABET.length;
    const chi2 = counts.reduce((s, o) => s + (o - expected) ** 2 / expected, 0);
    expect(chi2).toBeGreaterThan(85);
  });
});

describe('generated passcodes', () => {
  it.each(['0000', '1111', '9999', '1234', '0123', '6789', '9876', '3210', '4321'])('%s is trivial', (c) => {
    expect(isTrivialPasscode(c)).toBe(true);
  });

  it.each(['1235', '0001', '2580', '1357', '9870'])('%s is not trivial', (c) => {
    expect(isTrivialPasscode(c)).toBe(false);
  });

  it('are 4 digits and never trivial', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 20_000; i++) {
      const c = generatePasscode();
      expect(c).toMatch(/^\d{4}$/);
      expect(isTrivialPasscode(c)).toBe(false);
      seen.add(c);
    }
    expect(seen.size).toBeGreaterThan(8000); // spread over the whole space, leading zeros included
    expect([...seen].some((c) => c.startsWith('0'))).toBe(true);
  });
});
