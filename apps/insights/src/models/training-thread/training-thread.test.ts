import { LearningError } from '../../domain/learning/learning-error';
import { seededRandom } from '../../domain/seeded-random';
import { runTrainingTask } from './training-tasks';
import { runInTrainingThread } from './training-thread.client';

/** A table gradient-boosted trees take a while on: a few numeric and categorical columns, a noisy label. */
function table(n: number) {
  const random = seededRandom(7);
  const rows = Array.from({ length: n }, () => ({ a: random() * 10, b: random() * 5, c: random() > 0.5 ? 'x' : 'y', d: Math.floor(random() * 4) }));
  const labels = rows.map((r) => (r.a + (r.c === 'x' ? 2 : 0) + random() * 4 > 8 ? 1 : 0));
  return { rows, labels };
}

describe('runInTrainingThread', () => {
  it('trains off the event loop: timers keep firing while the model trains, and the model is the one training in place gives', async () => {
    const { rows, labels } = table(800);
    const task = { task: 'propensity' as const, rows, labels, options: { learner: 'gbt' as const, seed: 42 } };
    let ticks = 0;
    const timer = setInterval(() => (ticks += 1), 5);
    let ticksWhenDone = -1;
    const result = await runInTrainingThread(task).finally(() => {
      ticksWhenDone = ticks;
      clearInterval(timer);
    });
    // Training in place is synchronous: no timer could fire until it returned. Here the loop stayed free.
    expect(ticksWhenDone).toBeGreaterThan(2);
    const inPlace = await runTrainingTask(task);
    expect(result.metrics.rocAuc).toBeCloseTo((inPlace as typeof result).metrics.rocAuc, 10);
    expect(result.model).toEqual((inPlace as typeof result).model);
  });

  it("answers a learner's refusal as a LearningError with its code", async () => {
    const rows = Array.from({ length: 40 }, (_, i) => ({ a: i }));
    const refused = runInTrainingThread({ task: 'propensity', rows, labels: rows.map(() => 1), options: { learner: 'logistic', seed: 1 } });
    await expect(refused).rejects.toBeInstanceOf(LearningError);
    await expect(refused).rejects.toMatchObject({ code: 'ONE_CLASS' });
  });
});
