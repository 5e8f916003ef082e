import { describe, expect, it } from 'vitest';
import { PreviewShelf } from '../../main/services/csv/preview-shelf';

describe('PreviewShelf', () => {
  it('keeps the latest previews only, also after a refused import put its preview back', () => {
    const shelf = new PreviewShelf<string>(2, 60_000);
    shelf.put('a', 'A', 0);
    const taken = shelf.take('a', 1)!; // its import is under way…
    shelf.put('b', 'B', 2); // …while other windows preview theirs
    shelf.put('c', 'C', 3);
    shelf.putBack('a', taken); // the storage refused the import: it can be tried again
    expect(shelf.take('b', 4)).toBeNull(); // the oldest made room: never more than 2 kept
    expect(shelf.take('c', 4)?.value).toBe('C');
    expect(shelf.take('a', 4)?.value).toBe('A');
  });

  it('hands a preview over once and not after it expired', () => {
    const shelf = new PreviewShelf<string>(8, 1_000);
    shelf.put('a', 'A', 0);
    shelf.put('b', 'B', 0);
    expect(shelf.take('a', 500)?.value).toBe('A');
    expect(shelf.take('a', 500)).toBeNull();
    expect(shelf.take('b', 1_001)).toBeNull();
  });
});
