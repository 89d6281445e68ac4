import { isWellFormedText } from './well-formed';

describe('isWellFormedText', () => {
  it('agrees with String.prototype.isWellFormed on pairs, lone halves and their mixes', () => {
    const samples = ['', 'abc', '😀', '\ud83d\ude00x', '\ud800', '\udfff', '\udfff\ud800', 'a\ud800b', '\ud800\ud800\udc00', '\udc00\ud800\udc00', 'é€𠀋'];
    const native = (s: string) => (s as string & { isWellFormed(): boolean }).isWellFormed();
    for (const s of samples) expect(isWellFormedText(s)).toBe(native(s));
  });
});
