/**
 * Bytes ⇄ base64 for the CSV files, which can be a few megabytes: the bytes are turned into
 * text a slice at a time (a multiple of 3, so the slices' base64 simply joins), never by
 * one String.fromCharCode over the whole buffer, which overflows the call stack.
 */
const SLICE = 3 * 8192;

export function bytesToBase64(bytes: Uint8Array): string {
  const parts: string[] = [];
  for (let start = 0; start < bytes.length; start += SLICE) {
    parts.push(btoa(String.fromCharCode(...bytes.subarray(start, start + SLICE))));
  }
  return parts.join('');
}

export function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
