import { weekIndexOf } from './cohorts';
import { compiledColumnsOf, timelineEntryOf, timelineMovesOf } from './journey-timeline';

const entry = (m: string, minute: number) => timelineEntryOf({ _id: m, occurredAt: new Date(Date.UTC(2026, 0, 5, 0, minute)), eventKey: `ev-${m}`, channel: 'web' });

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
    expect(compiledColumnsOf([a, b])).toEqual({ e: ['ev-a', 'ev-b'], t: [a.t, b.t], c: ['web', 'web'], w: [a.w, b.w] });
  });
});
