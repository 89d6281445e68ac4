import { cellNumber, cellText, inferColumns, profileColumn } from './tabular-columns';
import { displayValue, encodeRow, fitTabularEncoding, MISSING_LEVEL, OTHER_LEVEL } from './tabular-encoder';

describe('cells', () => {
  it('reads numeric text with spaces, and blanks or NA spellings as missing', () => {
    expect(cellNumber(' 29.85')).toBe(29.85);
    expect(cellNumber('-1e3')).toBe(-1000);
    expect(cellNumber(' ')).toBeNull();
    expect(cellNumber('12abc')).toBeNull();
    expect(cellText(' N/A ')).toBeNull();
    expect(cellText(' None ')).toBe('None');
    expect(cellNumber(Number.NaN)).toBeNull();
  });
});

describe('profileColumn', () => {
  it('calls a column numeric when nearly every present cell is a number', () => {
    const values = Array.from({ length: 40 }, (_, i) => (i === 3 ? ' ' : ` ${(i * 7) % 13}.5`));
    expect(profileColumn('x', values)).toMatchObject({ role: 'numeric', missing: 1 });
  });

  it('calls mostly-text columns categorical', () => {
    expect(profileColumn('x', ['a', 'b', 'a', '1', 'b', 'a'])).toMatchObject({ role: 'categorical', distinct: 3 });
  });

  it('excludes columns that cannot generalise, whatever their name', () => {
    const n = 60;
    expect(profileColumn('a', new Array(n).fill('same'))).toEqual({ name: 'a', role: 'excluded', reason: 'constant' });
    expect(profileColumn('b', new Array(n).fill(''))).toEqual({ name: 'b', role: 'excluded', reason: 'empty' });
    expect(
      profileColumn(
        'c',
        Array.from({ length: n }, (_, i) => `user-${i}@example.org`),
      ),
    ).toEqual({ name: 'c', role: 'excluded', reason: 'identifier-like' });
    // Row numbers, shuffled and with gaps as in a training sample: unique integers packed in their range.
    const rowNumbers = Array.from({ length: n }, (_, i) => String(((i * 37) % 97) + 1));
    expect(profileColumn('d', rowNumbers)).toEqual({ name: 'd', role: 'excluded', reason: 'identifier-like' });
    // Unique but fractional, or integers too sparse in their range to be expected to repeat: measurements, kept.
    expect(
      profileColumn(
        'e',
        Array.from({ length: n }, (_, i) => String(i * 1.37)),
      ),
    ).toMatchObject({ role: 'numeric' });
    expect(
      profileColumn(
        'f',
        Array.from({ length: n }, (_, i) => String(i * 1013 + 17)),
      ),
    ).toMatchObject({ role: 'numeric' });
  });

  it('excludes calendar dates (ISO text or Date values) rather than one-hot or count them', () => {
    expect(profileColumn('signup', ['2024-01-05', '2024-02-11', '2023-12-30T10:15:00Z', '2024-01-05'])).toEqual({
      name: 'signup',
      role: 'excluded',
      reason: 'date',
    });
    expect(profileColumn('seen', [new Date('2024-01-05'), new Date('2024-03-01'), null])).toEqual({ name: 'seen', role: 'excluded', reason: 'date' });
    expect(profileColumn('year', ['2021', '2022', '2021'])).toMatchObject({ role: 'numeric' });
  });

  it('keeps a column that is constant apart from missing cells, since missingness can be a signal', () => {
    expect(profileColumn('x', ['yes', '', 'yes', 'yes'])).toMatchObject({ role: 'categorical', missing: 1 });
  });

  it('excludes the target and the named id column', () => {
    const rows = [
      { id: 'a', y: '1', x: 'p' },
      { id: 'b', y: '0', x: 'q' },
    ];
    expect(inferColumns(rows, { target: 'y', idColumn: 'id' }).map((p) => p.role)).toEqual(['excluded', 'excluded', 'categorical']);
  });
});

describe('fitTabularEncoding', () => {
  const rows = [
    ...Array.from({ length: 12 }, (_, i) => ({ plan: 'monthly', spend: String(10 + i), y: 'no' })),
    ...Array.from({ length: 6 }, (_, i) => ({ plan: 'yearly', spend: i === 0 ? ' ' : ` ${20 + i}`, y: 'yes' })),
    { plan: 'lifetime', spend: '5', y: 'no' },
    { plan: '', spend: '7', y: 'yes' },
  ];
  const encoding = fitTabularEncoding(rows, { target: 'y', minLevelCount: 5 });

  it('keeps frequent levels, buckets rare ones and adds a missing level when training had one', () => {
    expect(encoding.features.map((f) => f.label)).toEqual([
      'plan = monthly',
      'plan = yearly',
      `plan = ${OTHER_LEVEL}`,
      `plan = ${MISSING_LEVEL}`,
      'spend',
      `spend ${MISSING_LEVEL}`,
    ]);
    expect(encoding.features.map((f) => encoding.columns[f.column]!.name)).toEqual(['plan', 'plan', 'plan', 'plan', 'spend', 'spend']);
  });

  it('imputes the training median with an indicator and sends unseen levels to the rare bucket', () => {
    const median = encoding.columns.find((c) => c.name === 'spend');
    expect(median).toMatchObject({ kind: 'numeric', missingIndicator: true });
    const medianValue = median?.kind === 'numeric' ? median.median : Number.NaN;
    expect(Array.from(encodeRow(encoding, { plan: 'enterprise', spend: '' }))).toEqual([0, 0, 1, 0, medianValue, 1]);
    expect(Array.from(encodeRow(encoding, { plan: 'yearly', spend: ' 29.85' }))).toEqual([0, 1, 0, 0, 29.85, 0]);
    expect(Array.from(encodeRow(encoding, { spend: 3 }))).toEqual([0, 0, 0, 1, 3, 0]);
  });

  it('learns nothing from rows it is not given', () => {
    const trainOnly = fitTabularEncoding(rows.slice(0, 12), { target: 'y' });
    expect(trainOnly.columns.find((c) => c.name === 'plan')).toBeUndefined(); // constant in these rows
    expect(trainOnly.excluded).toContainEqual({ name: 'plan', reason: 'constant' });
  });

  it('survives a JSON round trip unchanged', () => {
    expect(JSON.parse(JSON.stringify(encoding))).toEqual(encoding);
    expect(displayValue({ plan: '  yearly ' }, 'plan')).toBe('yearly');
    expect(displayValue({}, 'plan')).toBe(MISSING_LEVEL);
  });
});
