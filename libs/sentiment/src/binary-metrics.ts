export interface BinaryMetrics {
  n: number;
  accuracy: number;
  /** Mean of the two classes' F1 (an absent class's F1 counts as 0). */
  macroF1: number;
  confusion: { tp: number; fp: number; tn: number; fn: number };
}

function f1(tp: number, fp: number, fn: number): number {
  return tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
}

/** Accuracy and macro-F1 of positive (true) / negative (false) predictions against the truth. */
export function binaryMetrics(truth: readonly boolean[], predicted: readonly boolean[]): BinaryMetrics {
  if (truth.length !== predicted.length) throw new Error('truth and predictions differ in length');
  let tp = 0;
  let fp = 0;
  let tn = 0;
  let fn = 0;
  truth.forEach((t, i) => {
    if (predicted[i] && t) tp++;
    else if (predicted[i]) fp++;
    else if (t) fn++;
    else tn++;
  });
  const n = truth.length;
  return { n, accuracy: n === 0 ? 0 : (tp + tn) / n, macroF1: (f1(tp, fp, fn) + f1(tn, fn, fp)) / 2, confusion: { tp, fp, tn, fn } };
}
