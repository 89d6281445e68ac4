import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readLabelledFile } from './sentiment-data';

const dir = mkdtempSync(path.join(tmpdir(), 'sentiment-data-'));
function file(name: string, content: string): string {
  writeFileSync(path.join(dir, name), content);
  return path.join(dir, name);
}

describe('readLabelledFile', () => {
  it('reads UCI lines by their last tab, skipping lines with another label', () => {
    const f = file('a.txt', 'Great\tphone.\t1\nAwful.\t0\r\nno label here\n\nOdd\t2\n');
    expect(readLabelledFile(f, { format: 'uci' })).toEqual({
      rows: [
        { text: 'Great\tphone.', label: 'positive' },
        { text: 'Awful.', label: 'negative' },
      ],
      skipped: 2,
    });
  });

  it('reads CSV columns by name with the given label values, and names the columns when one is missing', () => {
    const f = file('b.csv', 'id,review,stars\n1,"Loved it, truly",5\n2,Meh,3\n3,Broken,1\n');
    expect(readLabelledFile(f, { format: 'csv', text: 'review', label: 'stars', positive: '5', negative: '1' })).toEqual({
      rows: [
        { text: 'Loved it, truly', label: 'positive' },
        { text: 'Broken', label: 'negative' },
      ],
      skipped: 1,
    });
    expect(() => readLabelledFile(f, { format: 'csv', text: 'body', label: 'stars' })).toThrow('columns: id, review, stars');
    expect(() => readLabelledFile(f, { format: 'csv' })).toThrow('--text');
  });
});
