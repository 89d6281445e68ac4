import { DEFAULT_MATCH_MODEL, type MatchModel } from './comparison-model';
import { estimateModel, estimateU } from './estimate-model';

// Two fields: a name (4 levels) and a birth date (3 levels).
const model: MatchModel = {
  upper: 10,
  lower: 5,
  fields: [DEFAULT_MATCH_MODEL.fields[0]!, DEFAULT_MATCH_MODEL.fields[2]!].map((f) => ({ ...f, levels: f.levels.map(() => ({ m: 0.5, u: 0.5 })) })),
};
model.fields[0]!.levels = [
  { m: 0.6, u: 0.2 },
  { m: 0.2, u: 0.2 },
  { m: 0.1, u: 0.2 },
  { m: 0.1, u: 0.4 },
];
model.fields[1]!.levels = [
  { m: 0.6, u: 0.2 },
  { m: 0.2, u: 0.3 },
  { m: 0.2, u: 0.5 },
];

describe('estimateModel (EM)', () => {
  it('learns that agreement marks matches from unlabelled pairs', () => {
    // 100 pairs agreeing on both fields (matches), 400 disagreeing on both, a few mixed.
    const vectors = [
      ...Array.from({ length: 100 }, () => [0, 0]),
      ...Array.from({ length: 400 }, () => [3, 2]),
      ...Array.from({ length: 20 }, () => [0, 2]),
      ...Array.from({ length: 20 }, () => [3, 0]),
      ...Array.from({ length: 10 }, () => [null, 0]),
    ];
    const learnt = estimateModel(model, vectors);
    const [name, dob] = learnt.fields;
    expect(name!.levels[0]!.m).toBeGreaterThan(0.7);
    expect(name!.levels[0]!.u).toBeLessThan(0.1);
    expect(name!.levels[3]!.u).toBeGreaterThan(0.8);
    expect(dob!.levels[0]!.m / dob!.levels[0]!.u).toBeGreaterThan(10);
    expect(learnt.upper).toBe(model.upper);
  });
});

describe('estimateU', () => {
  it('takes u from how often random pairs reach each level, and EM then keeps it', () => {
    const random = [...Array.from({ length: 98 }, () => [3, 2]), [0, 2], [3, 0]];
    const withU = estimateU(model, random);
    expect(withU.fields[0]!.levels[3]!.u).toBeGreaterThan(0.9);
    expect(withU.fields[0]!.levels[0]!.u).toBeLessThan(0.05);
    const learnt = estimateModel(withU, [...Array.from({ length: 50 }, () => [0, 0]), ...Array.from({ length: 50 }, () => [3, 2])], { fixedU: true });
    expect(learnt.fields[0]!.levels.map((l) => l.u)).toEqual(withU.fields[0]!.levels.map((l) => l.u));
    expect(learnt.fields[0]!.levels[0]!.m).toBeGreaterThan(0.8);
  });
});
