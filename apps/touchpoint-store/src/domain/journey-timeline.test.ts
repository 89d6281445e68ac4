import { weekIndexOf } from './cohorts';
import { compiledColumnsOf, finalOwners, timelineEntryOf, timelineMovesOf } from './journey-timeline';

const entry = (m: string, minute: number) =>
  timelineEntryOf({ _id: m, occurredAt: new Date(Date.UTC(2026, 0, 5, 0, minute)), eventKey: `ev-${m}`, channel: 'web' });

describe('timelineMovesOf', () => {
  it('gains every entry for its new owner and loses it from a different former owner only', () => {
    const { gains, losses } = timelineMovesOf([
      { entry: entry('a', 1), from: null, to: 'c1' },
      { entry: entry('b', 2), from: 'c2', to: 'c1' },
      { entry: entry('c', 3), from: 'c1', to: 'c1' },
      { entry: entry('d', 4), from: 'c2', to: 'c3' },
    ]);
    expect([...gains].map(([c, es]) => [c, es.map((e) => e.m)])).toEqual([
      ['c1', ['a', 'b', 'c']],
      ['c3', ['d']],
    ]);
    expect([...losses]).toEqual([['c2', ['b', 'd']]]);
  });
});

describe('timelineEntryOf and compiledColumnsOf', () => {
  it('carries the week index and splits entries into columns in order', () => {
    const [a, b] = [entry('a', 1), entry('b', 2)];
    expect(a.w).toBe(weekIndexOf(a.t));
    expect(compiledColumnsOf([a, b])).toMatchObject({ e: ['ev-a', 'ev-b'], t: [a.t, b.t], c: ['web', 'web'], w: [a.w, b.w] });
  });

  it('collapses consecutive repeats into runs, numbers each entry by its run, and lists distinct weeks in order', () => {
    const at = (e: string, day: number) =>
      timelineEntryOf({ _id: `${e}${day}`, occurredAt: new Date(Date.UTC(2026, 0, 5 + day)), eventKey: e, channel: 'web' });
    const columns = compiledColumnsOf([at('x', 0), at('x', 1), at('y', 8), at('x', 9), at('x', 20), at('z', 21)]);
    expect(columns.re).toEqual(['x', 'y', 'x', 'z']);
    expect(columns.rn).toEqual([0, 0, 1, 2, 2, 3]);
    const week = weekIndexOf(new Date(Date.UTC(2026, 0, 5)));
    expect(columns.wd).toEqual([week, week + 1, week + 2, week + 3]);
    expect(compiledColumnsOf([])).toEqual({ e: [], t: [], c: [], w: [], re: [], rn: [], wd: [] });
  });
});

describe('finalOwners', () => {
  it('follows merges in order to where each merged customer ends up', () => {
    const owners = finalOwners([
      { from: ['a'], to: 'b' },
      { from: ['x'], to: 'y' },
      { from: ['b', 'a'], to: 'c' },
    ]);
    expect(Object.fromEntries(owners)).toEqual({ a: 'c', b: 'c', x: 'y' });
  });
});
