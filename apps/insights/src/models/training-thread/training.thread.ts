import { parentPort } from 'node:worker_threads';
import { runTrainingTask, type TrainingTask } from './training-tasks';

/**
 * The training thread: one task in, its result (or its error's name, code and message) out. Training
 * holds the CPU for seconds to minutes; here it does not hold insights' event loop, so customer.updated
 * keeps being scored and the GraphQL server keeps answering while a model trains.
 */
parentPort?.once('message', (task: TrainingTask) => {
  runTrainingTask(task).then(
    (result) => parentPort?.postMessage({ ok: true, result }),
    (err: unknown) => {
      const e = err as { name?: string; code?: string; message?: string };
      parentPort?.postMessage({ ok: false, error: { name: e.name ?? 'Error', code: e.code, message: e.message ?? String(err) } });
    },
  );
});
