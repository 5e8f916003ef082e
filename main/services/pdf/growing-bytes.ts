/**
 * A document's bytes as they are written, in one block of memory that grows in place: a resizable
 * ArrayBuffer reserves its address space once and takes real memory only as it fills. Gathered as a
 * list of chunks and joined at the end, a notice of 30,000 pages (about 80 MB) was in memory twice
 * at its peak, the chunks and the joined copy; here it is there once, and the finished block moves
 * to the main thread as it is (pdf-worker.ts transfers it).
 */

/** Address space reserved for one document: 2 GiB, some 800,000 notices of 2.7 KB. */
const MAX_DOCUMENT_BYTES = 2 ** 31;

export class GrowingBytes {
  private readonly block = new ArrayBuffer(0, { maxByteLength: MAX_DOCUMENT_BYTES });

  get length(): number {
    return this.block.byteLength;
  }

  append(chunk: Uint8Array): void {
    const at = this.block.byteLength;
    this.block.resize(at + chunk.byteLength);
    new Uint8Array(this.block, at).set(chunk);
  }

  /** Every byte so far, without a copy (a view of the block, fixed at today's length). */
  bytes(): Buffer {
    return Buffer.from(this.block, 0, this.block.byteLength);
  }
}
