import { hash, verify } from '@node-rs/argon2';

/**
 * argon2id for passwords and passcodes. @node-rs/argon2 hashes on libuv's thread pool,
 * so the main thread's event loop keeps turning while it works.
 */
export const hashSecret = (plain: string): Promise<string> => hash(plain);

export async function verifySecret(storedHash: string | null, plain: string): Promise<boolean> {
  // An unknown login ID is checked against a real hash too, so its answer takes as long.
  const target = storedHash ?? (await dummyHash());
  try {
    return (await verify(target, plain)) && storedHash !== null;
  } catch {
    return false;
  }
}

let dummy: Promise<string> | undefined;
const dummyHash = () => (dummy ??= hash('focus-u timing equaliser'));
