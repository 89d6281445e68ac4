import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { GAP_BUCKETS, type SequenceStep, type UserSequence } from './event-sequence';
import { buildWindows, trainingWindows, type WindowSpec, type WindowVocabularies, type Windows } from './sequence-windows';
import { seededRandom, shuffled } from '../seeded-random';
import { buildVocabulary, PAD, RARE, type Vocabulary } from './vocabulary';

/**
 * A small recurrent network over a customer's steps (event, channel, time since the previous step):
 * a GRU whose state at each step feeds two heads, the next event and whether the target follows.
 * Written on @tensorflow/tfjs with its WebAssembly backend, which installs and runs offline; the
 * weights are kept as plain arrays so a trained model is stored like any other document.
 */
export interface GruModel {
  kind: 'gru';
  target: string;
  horizonMs: number | null;
  length: number;
  hidden: number;
  events: Vocabulary;
  channels: Vocabulary;
  weights: { shape: number[]; values: number[] }[];
  epochs: number;
  validationLoss: number;
}

export interface GruOptions {
  target: string;
  horizonMs?: number;
  length?: number;
  hidden?: number;
  maxEpochs?: number;
  batchSize?: number;
  learningRate?: number;
  /** Weight of the will-convert loss beside the next-event loss (default 3: its loss is several times smaller, and at 1 the next-event head dominated). */
  reachWeight?: number;
  seed?: number;
  onEpoch?: (epoch: number, trainLoss: number, validationLoss: number) => void;
}

const EMBEDDING_DIM = 24;

let backendReady: Promise<void> | undefined;
/** The WebAssembly backend is several times faster than the pure-JS one for recurrent layers. */
export function sequenceBackend(): Promise<void> {
  backendReady ??= tf.setBackend('wasm').then(async (ok) => {
    if (!ok) await tf.setBackend('cpu');
    await tf.ready();
  });
  return backendReady;
}

/**
 * One-hot inputs through a dense projection rather than embedding layers: the same function, and the
 * WebAssembly backend has no gradient kernel for embedding lookups (UnsortedSegmentSum).
 */
function network(inputWidth: number, events: number, length: number, hidden: number, seed: number | 'loading'): tf.LayersModel {
  // A network about to receive stored weights needs no random start (the orthogonal one is slow).
  const init = (offset: number) => (seed === 'loading' ? tf.initializers.zeros() : tf.initializers.glorotUniform({ seed: seed + offset }));
  const input = tf.input({ shape: [length, inputWidth] });
  const x = tf.layers.dense({ units: EMBEDDING_DIM, useBias: false, kernelInitializer: init(1) }).apply(input) as tf.SymbolicTensor;
  const h = tf.layers
    .gru({
      units: hidden,
      returnSequences: true,
      kernelInitializer: init(4),
      recurrentInitializer: seed === 'loading' ? tf.initializers.zeros() : tf.initializers.orthogonal({ seed: seed + 5 }),
    })
    .apply(x) as tf.SymbolicTensor;
  const next = tf.layers.dense({ units: events, kernelInitializer: init(6) }).apply(h) as tf.SymbolicTensor;
  const reach = tf.layers.dense({ units: 1, kernelInitializer: init(7) }).apply(h) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: [next, reach] });
}

const inputWidth = (v: WindowVocabularies) => v.events.tokens.length + v.channels.tokens.length + GAP_BUCKETS;

/** The window rows as one tensor of concatenated one-hot event, channel and gap codes. */
function inputs(w: Windows, rows: readonly number[], v: WindowVocabularies): tf.Tensor {
  const take = (a: Int32Array, depth: number) => {
    const out = new Int32Array(rows.length * w.length);
    rows.forEach((r, i) => out.set(a.subarray(r * w.length, (r + 1) * w.length), i * w.length));
    return tf.oneHot(tf.tensor2d(out, [rows.length, w.length], 'int32'), depth);
  };
  return tf.tidy(() => tf.concat([take(w.events, v.events.tokens.length), take(w.channels, v.channels.tokens.length), take(w.gaps, GAP_BUCKETS)], 2));
}

function floats(a: Float32Array | Int32Array, w: Windows, rows: readonly number[]): Float32Array {
  const out = new Float32Array(rows.length * w.length);
  rows.forEach((r, i) => out.set(a.subarray(r * w.length, (r + 1) * w.length), i * w.length));
  return out;
}

function loss(model: tf.LayersModel, w: Windows, rows: readonly number[], v: WindowVocabularies, reachWeight: number, training: boolean): tf.Scalar {
  const vocabSize = v.events.tokens.length;
  return tf.tidy(() => {
    const [logits, reachLogit] = model.apply(inputs(w, rows, v), { training }) as tf.Tensor[];
    const shape: [number, number] = [rows.length, w.length];
    const nextLabels = tf.oneHot(tf.tensor2d(Int32Array.from(floats(w.nextEvents, w, rows)), shape, 'int32'), vocabSize);
    const nextLoss = tf.losses.softmaxCrossEntropy(nextLabels, logits!, tf.tensor2d(floats(w.nextMask, w, rows), shape));
    const reachLoss = tf.losses.sigmoidCrossEntropy(
      tf.tensor3d(floats(w.reach, w, rows), [...shape, 1]),
      reachLogit!,
      tf.tensor3d(floats(w.stepMask, w, rows), [...shape, 1]),
    );
    return nextLoss.add(reachLoss.mul(reachWeight)) as tf.Scalar;
  });
}

/**
 * Trains on `train` and stops when the loss on `validation` (other users) has not improved for two
 * epochs, keeping the best weights.
 */
export async function trainGru(train: readonly UserSequence[], validation: readonly UserSequence[], options: GruOptions): Promise<GruModel> {
  await sequenceBackend();
  const length = options.length ?? 20;
  const hidden = options.hidden ?? 32;
  const seed = options.seed ?? 42;
  const batchSize = options.batchSize ?? 128;
  const reachWeight = options.reachWeight ?? 3;
  const horizonMs = options.horizonMs ?? Infinity;
  const events = buildVocabulary(train.flatMap((u) => u.steps.map((s) => s.event)));
  const channels = buildVocabulary(train.flatMap((u) => u.steps.flatMap((s) => (s.channel === undefined ? [] : [s.channel]))));
  const vocabularies = { events, channels };
  const window = (users: readonly UserSequence[]) =>
    buildWindows(
      users.flatMap((u) => trainingWindows(u.steps, length)),
      vocabularies,
      length,
      options.target,
      horizonMs,
    );
  const trainWindows = window(train);
  const validationWindows = window(validation);
  const model = network(inputWidth(vocabularies), events.tokens.length, length, hidden, seed);
  const optimizer = tf.train.adam(options.learningRate ?? 0.01);
  const random = seededRandom(seed);
  const allRows = (w: Windows) => Array.from({ length: w.count }, (_, i) => i);
  const meanLoss = (w: Windows, rows: number[]) => {
    let total = 0;
    for (let i = 0; i < rows.length; i += 1024) {
      const batch = rows.slice(i, i + 1024);
      const l = loss(model, w, batch, vocabularies, reachWeight, false);
      total += l.dataSync()[0]! * batch.length;
      l.dispose();
    }
    return rows.length ? total / rows.length : Infinity;
  };

  let best = { loss: Infinity, epoch: 0, weights: [] as tf.Tensor[] };
  const maxEpochs = options.maxEpochs ?? 12;
  for (let epoch = 1; epoch <= maxEpochs; epoch++) {
    const order = shuffled(
      Array.from({ length: trainWindows.count }, (_, i) => i),
      random,
    );
    let trainLoss = 0;
    for (let i = 0; i < order.length; i += batchSize) {
      const batch = order.slice(i, i + batchSize);
      const l = optimizer.minimize(() => loss(model, trainWindows, batch, vocabularies, reachWeight, true), true);
      trainLoss += (l?.dataSync()[0] ?? 0) * batch.length;
      l?.dispose();
    }
    const validationLoss = validationWindows.count ? meanLoss(validationWindows, allRows(validationWindows)) : trainLoss / order.length;
    options.onEpoch?.(epoch, trainLoss / Math.max(1, order.length), validationLoss);
    if (validationLoss < best.loss - 1e-4) {
      best.weights.forEach((t) => t.dispose());
      best = { loss: validationLoss, epoch, weights: model.getWeights().map((t) => t.clone()) };
    } else if (epoch - best.epoch >= 2) break;
  }
  const weights = await Promise.all(best.weights.map(async (t) => ({ shape: t.shape, values: Array.from(await t.data()) })));
  best.weights.forEach((t) => t.dispose());
  optimizer.dispose();
  model.dispose();
  return {
    kind: 'gru',
    target: options.target,
    horizonMs: Number.isFinite(horizonMs) ? horizonMs : null,
    length,
    hidden,
    events,
    channels,
    weights,
    epochs: best.epoch,
    validationLoss: best.loss,
  };
}

export interface GruPrediction {
  /** Probability of each known event being next (padding and the rare bucket left out). */
  next: Map<string, number>;
  reach: number;
}

/** A loaded network that answers for many histories at once. */
export class GruPredictor {
  private readonly model: tf.LayersModel;

  private constructor(private readonly spec: GruModel) {
    this.model = network(inputWidth(spec), spec.events.tokens.length, spec.length, spec.hidden, 'loading');
    this.model.setWeights(spec.weights.map((w) => tf.tensor(w.values, w.shape)));
  }

  static async load(spec: GruModel): Promise<GruPredictor> {
    await sequenceBackend();
    return new GruPredictor(spec);
  }

  /** The prediction after the last step of each history. */
  predictAfter(histories: readonly (readonly SequenceStep[])[]): GruPrediction[] {
    const specs: WindowSpec[] = histories.map((steps) => ({ steps, end: steps.length - 1, labelNext: false }));
    const out: GruPrediction[] = [];
    for (let i = 0; i < specs.length; i += 512) {
      const part = specs.slice(i, i + 512);
      const w = buildWindows(part, this.spec, this.spec.length, this.spec.target);
      const rows = part.map((_, r) => r);
      const [probs, reach] = tf.tidy(() => {
        const [logits, reachLogit] = this.model.predict(inputs(w, rows, this.spec)) as tf.Tensor[];
        const last = this.spec.length - 1;
        return [
          tf.softmax(logits!.slice([0, last, 0], [rows.length, 1, -1]).squeeze([1])).dataSync(),
          tf.sigmoid(reachLogit!.slice([0, last, 0], [rows.length, 1, 1])).dataSync(),
        ];
      });
      const vocab = this.spec.events.tokens.length;
      rows.forEach((r) => {
        const next = new Map<string, number>();
        for (let t = 0; t < vocab; t++) if (t !== PAD && t !== RARE) next.set(this.spec.events.tokens[t]!, probs[r * vocab + t]!);
        out.push({ next, reach: reach[r]! });
      });
    }
    return out;
  }

  /** Next-step predictions at every position of each sequence, in one pass per window: for evaluation. */
  nextAtEveryStep(sequences: readonly (readonly SequenceStep[])[]): { actual: string; predicted: Map<string, number> }[] {
    const out: { actual: string; predicted: Map<string, number> }[] = [];
    const specs = sequences.flatMap((steps) => trainingWindows(steps, this.spec.length));
    const vocab = this.spec.events.tokens.length;
    for (let i = 0; i < specs.length; i += 256) {
      const part = specs.slice(i, i + 256);
      const w = buildWindows(part, this.spec, this.spec.length, this.spec.target);
      const rows = part.map((_, r) => r);
      const probs = tf.tidy(() => tf.softmax((this.model.predict(inputs(w, rows, this.spec)) as tf.Tensor[])[0]!).dataSync());
      part.forEach(({ steps, end }, r) => {
        const start = Math.max(0, end - this.spec.length + 1);
        const pad = this.spec.length - (end - start + 1);
        for (let s = start; s <= end && s + 1 < steps.length; s++) {
          const base = (r * this.spec.length + pad + (s - start)) * vocab;
          const predicted = new Map<string, number>();
          for (let t = 0; t < vocab; t++) if (t !== PAD && t !== RARE) predicted.set(this.spec.events.tokens[t]!, probs[base + t]!);
          out.push({ actual: steps[s + 1]!.event, predicted });
        }
      });
    }
    return out;
  }

  dispose(): void {
    this.model.dispose();
  }
}
