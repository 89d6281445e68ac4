import { toCsv } from './csv';

describe('toCsv', () => {
  it('quotes commas, quotes and line breaks, and ends rows with CRLF', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          ['x,y', 'say "hi"'],
          ['line\nbreak', null],
        ],
      ),
    ).toBe('a,b\r\n"x,y","say ""hi"""\r\n"line\nbreak",\r\n');
  });

  it('keeps spreadsheet formulas as text but leaves negative numbers alone', () => {
    expect(toCsv(['v'], [['=HYPERLINK("x")'], ['-3.5'], [-2], ['@cmd']])).toBe('v\r\n"\'=HYPERLINK(""x"")"\r\n-3.5\r\n-2\r\n\'@cmd\r\n');
  });
});
