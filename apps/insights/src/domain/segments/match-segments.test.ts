import { buildFeatureMatrix } from './feature-matrix';
import { matchSegmentIds } from './match-segments';

const meta = { x: { label: 'x', high: 'high x', low: 'low x' }, y: { label: 'y', high: 'high y', low: 'low y' } };
// A population with unit spread on both features, so distances read in standard deviations.
const matrix = buildFeatureMatrix(
  [-1, 1].flatMap((x) => [-1, 1].map((y) => ({ customerId: `${x},${y}`, features: { x, y } }))),
  meta,
);

describe('matchSegmentIds', () => {
  it('numbers segments from 1 without a previous run', () => {
    expect(
      matchSegmentIds(
        [
          { x: 0, y: 0 },
          { x: 1, y: 1 },
        ],
        matrix,
        undefined,
      ),
    ).toEqual({ ids: ['seg-1', 'seg-2'], matched: [false, false], nextSequence: 3 });
  });

  it('pairs by least total distance, not by order or greedily', () => {
    const previous = {
      segments: [
        { id: 'seg-7', centroid: { x: 0.4, y: 0 } },
        { id: 'seg-3', centroid: { x: -0.5, y: 0 } },
      ],
      nextSequence: 8,
    };
    // Greedy would give the first new centroid seg-7 (distance 0.1) and leave the second far from seg-3.
    const result = matchSegmentIds(
      [
        { x: 0.3, y: 0 },
        { x: 1.2, y: 0 },
      ],
      matrix,
      previous,
      2,
    );
    expect(result).toEqual({ ids: ['seg-3', 'seg-7'], matched: [true, true], nextSequence: 8 });
  });

  it('gives a new id to a segment that moved further than the limit, after the previous run’s highest id', () => {
    const previous = {
      segments: [
        { id: 'seg-2', centroid: { x: -1, y: -1 } },
        { id: 'seg-5', centroid: { x: 1, y: 1 } },
      ],
    };
    const result = matchSegmentIds(
      [
        { x: 1, y: 0.9 },
        { x: -1, y: 1 },
      ],
      matrix,
      previous,
    );
    expect(result).toEqual({ ids: ['seg-5', 'seg-6'], matched: [true, false], nextSequence: 7 });
  });
});
