import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { GrowingBytes } from '../../main/services/pdf/growing-bytes';

describe('a document\'s bytes gathered in one block that grows in place', () => {
  it('holds every chunk in order, empty ones and chunks of a few MB alike', () => {
    const chunks = [randomBytes(3), Buffer.alloc(0), randomBytes(16_384), ...Array.from({ length: 300 }, (_, i) => randomBytes(1 + (i * 7919) % 5000)), randomBytes(3 << 20)];
    const bytes = new GrowingBytes();
    for (const c of chunks) bytes.append(c);
    expect(bytes.length).toBe(chunks.reduce((n, c) => n + c.length, 0));
    expect(bytes.bytes().equals(Buffer.concat(chunks))).toBe(true);
  });

  it('hands out its bytes without a copy: the document is in memory once, and its block is what moves to the main thread', () => {
    const bytes = new GrowingBytes();
    bytes.append(Buffer.from('%PDF-1.3\n'));
    const first = bytes.bytes();
    const second = bytes.bytes();
    expect(first.buffer).toBe(second.buffer);
    expect(first.byteOffset).toBe(0);
    expect(first.byteLength).toBe(first.buffer.byteLength); // pdf-worker.ts transfers it whole
    first[0] = 0x58;
    expect(second.toString('latin1', 0, 4)).toBe('XPDF');
  });

  it('keeps a view handed out at the length it had, as the block grows after it', () => {
    const bytes = new GrowingBytes();
    bytes.append(Buffer.from('abc'));
    const early = bytes.bytes();
    bytes.append(Buffer.from('def'));
    expect(early.toString()).toBe('abc');
    expect(bytes.bytes().toString()).toBe('abcdef');
  });
});
