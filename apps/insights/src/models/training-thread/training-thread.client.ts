import { existsSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { LearningError, type LearningErrorCode } from '../../domain/learning/learning-error';
import type { TrainingTask, TrainingTaskResult } from './training-tasks';

type Reply = { ok: true; result: unknown } | { ok: false; error: { name: string; code?: string; message: string } };

/**
 * The thread's entry: the bundle's built training.thread.js beside main.js, else (tsx, jest) the
 * TypeScript source loaded through tsx's require hook, which a worker thread does not inherit.
 */
function spawnTrainingThread(): Worker {
  const built = path.join(__dirname, 'training.thread.js');
  if (existsSync(built)) return new Worker(built);
  const source = path.join(__dirname, 'training.thread.ts');
  // Named at run time: the bundle never takes this path and must not depend on tsx, a development tool.
  const hook = require.resolve(['tsx', 'cjs'].join('/'));
  return new Worker(`require(${JSON.stringify(hook)}); require(${JSON.stringify(source)});`, { eval: true });
}

/**
 * Runs one CPU-bound training task on a thread of its own (one per task: runs are rare and a fresh
 * thread frees the model's memory when it ends). A LearningError comes back as one, so callers can
 * still tell a refusal from a fault.
 */
export function runInTrainingThread<T extends TrainingTask>(task: T): Promise<TrainingTaskResult<T>> {
  return new Promise((resolve, reject) => {
    const thread = spawnTrainingThread();
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      fn();
      void thread.terminate();
    };
    thread.once('message', (reply: Reply) =>
      finish(() => {
        if (reply.ok) resolve(reply.result as TrainingTaskResult<T>);
        else if (reply.error.name === 'LearningError') reject(new LearningError(reply.error.code as LearningErrorCode, reply.error.message));
        else reject(new Error(reply.error.message));
      }),
    );
    thread.once('error', (err) => finish(() => reject(err)));
    thread.once('exit', (code) => finish(() => reject(new Error(`training thread exited (${code}) without an answer`))));
    thread.postMessage(task);
  });
}
