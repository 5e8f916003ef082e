/**
 * Mail-address comparison for the duplicate warning (SPEC §10). The domain part of an
 * address is case-insensitive; the local part is compared as typed (RFC 5321 §2.4).
 * db/migrations/001 derives the same key in SQL as generated columns.
 */
export function addressKey(address: string): string {
  const at = address.lastIndexOf('@');
  return at < 0 ? address : address.slice(0, at + 1) + address.slice(at + 1).toLowerCase();
}

/** Addresses that occur more than once among one employee's own slots (in first-seen form). */
export function repeatedWithin(addresses: readonly (string | null)[]): string[] {
  const seen = new Map<string, number>();
  const repeated: string[] = [];
  for (const a of addresses) {
    if (!a) continue;
    const key = addressKey(a);
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    if (n === 2) repeated.push(a);
  }
  return repeated;
}
