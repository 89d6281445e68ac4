import { gapBucket, reachesTargetAfter, type SequenceStep } from './event-sequence';
import { idOf, PAD, type Vocabulary, tokenIndex } from './vocabulary';

/**
 * Fixed-length, left-padded windows over sequences: the tensors the recurrent network trains and
 * predicts on. Plain arrays, so this stays free of the tensor library and testable on its own.
 */
export interface Windows {
  length: number;
  count: number;
  events: Int32Array;
  channels: Int32Array;
  gaps: Int32Array;
  /** The event at the next position (the next-step label), PAD where there is none. */
  nextEvents: Int32Array;
  nextMask: Float32Array;
  reach: Float32Array;
  /** 1 where a real step sits (not padding). */
  stepMask: Float32Array;
}

export interface WindowVocabularies {
  events: Vocabulary;
  channels: Vocabulary;
}

export interface WindowSpec {
  steps: readonly SequenceStep[];
  /** Inclusive index of the window's last step. */
  end: number;
  /** The step after `end` is a label only when it is part of what training may see. */
  labelNext: boolean;
}

/** Non-overlapping windows ending at the last step, then every `length` steps back. */
export function trainingWindows(steps: readonly SequenceStep[], length: number): WindowSpec[] {
  const specs: WindowSpec[] = [];
  for (let end = steps.length - 1; end >= 0; end -= length) specs.push({ steps, end, labelNext: true });
  return specs;
}

export function buildWindows(specs: readonly WindowSpec[], vocabularies: WindowVocabularies, length: number, target: string, horizonMs = Infinity): Windows {
  const eventIds = tokenIndex(vocabularies.events);
  const channelIds = tokenIndex(vocabularies.channels);
  const n = specs.length;
  const w: Windows = {
    length,
    count: n,
    events: new Int32Array(n * length),
    channels: new Int32Array(n * length),
    gaps: new Int32Array(n * length),
    nextEvents: new Int32Array(n * length),
    nextMask: new Float32Array(n * length),
    reach: new Float32Array(n * length),
    stepMask: new Float32Array(n * length),
  };
  const reachCache = new Map<readonly SequenceStep[], boolean[]>();
  specs.forEach(({ steps, end, labelNext }, row) => {
    let reaches = reachCache.get(steps);
    if (!reaches) reachCache.set(steps, (reaches = reachesTargetAfter(steps, target, horizonMs)));
    const start = Math.max(0, end - length + 1);
    const offset = row * length + (length - (end - start + 1));
    for (let i = start; i <= end; i++) {
      const cell = offset + (i - start);
      const step = steps[i]!;
      w.events[cell] = idOf(eventIds, step.event);
      w.channels[cell] = idOf(channelIds, step.channel);
      w.gaps[cell] = gapBucket(i > 0 ? steps[i - 1] : undefined, step);
      w.stepMask[cell] = 1;
      w.reach[cell] = reaches[i] ? 1 : 0;
      const next = steps[i + 1];
      if (next && (labelNext || i < end)) {
        w.nextEvents[cell] = idOf(eventIds, next.event);
        w.nextMask[cell] = 1;
      } else w.nextEvents[cell] = PAD;
    }
  });
  return w;
}
