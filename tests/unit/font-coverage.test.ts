import { describe, expect, it } from 'vitest';
import { unprintableCharacters, unprintableNames } from '../../main/services/pdf/font-coverage';

describe('what the notice\'s fonts cannot print', () => {
  it('prints ordinary Japanese names, JIS X 0213 variants (髙, 﨑) and full-width forms', () => {
    for (const name of ['山田 太郎', '髙橋 一郎', '山﨑 花子', '渡邊 ①子', 'ﾔﾏﾀﾞ　ﾀﾛｳ', '株式会社フォーカス～東京', 'O\'Brien Smith-Jones']) {
      expect(unprintableCharacters(name), name).toEqual([]);
    }
    expect(unprintableCharacters('髙﨑', 'Mono')).toEqual([]);
  });

  it('names a character without a glyph (𠮷, emoji), once each, in order', () => {
    expect(unprintableCharacters('𠮷田 𠮷男')).toEqual(['𠮷']);
    expect(unprintableCharacters('山田 😀太郎')).toEqual(['😀']);
    expect(unprintableCharacters('😀𠮷😀')).toEqual(['😀', '𠮷']);
  });

  it('names zero-width, format and control characters, which print as nothing', () => {
    expect(unprintableCharacters('山田\u200b太郎')).toEqual(['\u200b']);
    expect(unprintableCharacters('\ufeff山田\u200d\u202e')).toEqual(['\ufeff', '\u200d', '\u202e']);
    expect(unprintableCharacters('山田\u0007\u2028')).toEqual(['\u0007', '\u2028']);
  });

  it('lists the employees (and the 法人名) whose printed names have such characters', () => {
    expect(unprintableNames('株式会社フォーカス', [
      { employeeId: 1, name: '山田 𠮷男' }, { employeeId: 2, name: '髙橋 一郎' }, { employeeId: 3, name: '佐藤\u200b花子' },
    ])).toEqual([
      { employeeId: 1, name: '山田 𠮷男', characters: ['𠮷'] },
      { employeeId: 3, name: '佐藤\u200b花子', characters: ['\u200b'] },
    ]);
    expect(unprintableNames('😀商事', [])).toEqual([{ employeeId: null, name: '😀商事', characters: ['😀'] }]);
  });
});
