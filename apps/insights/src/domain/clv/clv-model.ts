import { z } from 'zod';
import { conditionalExpectedPurchases, fitBgNbd, probabilityAlive } from './bgnbd';
import { expectedAverageValue, fitGammaGamma, isSpendInformative } from './gamma-gamma';
import { summariseTransactions, type ClvTransaction, type CustomerSummary } from './rfm-summary';

export type ClvErrorCode = 'INSUFFICIENT_DATA' | 'INVALID_MODEL' | 'INVALID_INPUT';

export class ClvError extends Error {
  constructor(
    readonly code: ClvErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ClvError';
  }
}

const positive = z.number().positive().finite();
const fitStats = { logLikelihood: z.number(), customers: z.number().int().nonnegative(), iterations: z.number().int().nonnegative(), converged: z.boolean() };
const clvModelSchema = z.object({
  kind: z.literal('clv'),
  schemaVersion: z.literal(1),
  periodDays: positive,
  calibrationEnd: z.iso.datetime(),
  repeatCustomers: z.number().int().nonnegative(),
  bgNbd: z.object({ r: positive, alpha: positive, a: positive, b: positive, ...fitStats }),
  gammaGamma: z.object({ p: positive, q: positive, gamma: positive, ...fitStats }).nullable(),
});

/** A fitted CLV model as stored: plain JSON, validated on the way back in by `parseClvModel`. */
export type ClvModel = z.infer<typeof clvModelSchema>;

export function parseClvModel(json: unknown): ClvModel {
  const parsed = clvModelSchema.safeParse(json);
  if (!parsed.success)
    throw new ClvError('INVALID_MODEL', `not a CLV model: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

/** Below these counts the BG/NBD dropout parameters (a, b) and the Gamma-Gamma shape are not identified. */
export const MIN_CUSTOMERS = 10;
export const MIN_REPEAT_CUSTOMERS = 3;
export const MIN_SPEND_CUSTOMERS = 10;

export interface FitOptions {
  calibrationEnd: Date;
  periodDays: number;
}

/** Fits BG/NBD on every summary and Gamma-Gamma on those with repeat spend (null when too few have any). */
export function fitClvModel(summaries: readonly CustomerSummary[], { calibrationEnd, periodDays }: FitOptions): ClvModel {
  const repeatCustomers = summaries.filter((s) => s.frequency > 0).length;
  if (summaries.length < MIN_CUSTOMERS || repeatCustomers < MIN_REPEAT_CUSTOMERS) {
    throw new ClvError(
      'INSUFFICIENT_DATA',
      `BG/NBD needs at least ${MIN_CUSTOMERS} customers and ${MIN_REPEAT_CUSTOMERS} with a repeat purchase; got ${summaries.length} and ${repeatCustomers}`,
    );
  }
  const bg = fitBgNbd(summaries);
  const spenders = summaries.filter(isSpendInformative).length;
  const gg = spenders >= MIN_SPEND_CUSTOMERS ? fitGammaGamma(summaries) : null;
  return {
    kind: 'clv',
    schemaVersion: 1,
    periodDays,
    calibrationEnd: calibrationEnd.toISOString(),
    repeatCustomers,
    bgNbd: { ...bg.parameters, logLikelihood: bg.logLikelihood, customers: summaries.length, iterations: bg.iterations, converged: bg.converged },
    gammaGamma: gg && { ...gg.parameters, logLikelihood: gg.logLikelihood, customers: gg.customers, iterations: gg.iterations, converged: gg.converged },
  };
}

export interface ClvPrediction {
  customerId: string;
  frequency: number;
  recency: number;
  T: number;
  monetary: number;
  probabilityAlive: number;
  horizonDays: number;
  /** Repeat purchases expected within the horizon. */
  expectedPurchases: number;
  /** Expected value of one future purchase (Gamma-Gamma); null without a spend model. */
  expectedAverageValue: number | null;
  /** expectedPurchases × expectedAverageValue, undiscounted; null without a spend model. */
  expectedValue: number | null;
}

export function predictClv(model: ClvModel, summaries: readonly CustomerSummary[], horizonDays: number): ClvPrediction[] {
  if (!(horizonDays >= 0)) throw new ClvError('INVALID_INPUT', 'the horizon must be zero or more days');
  const { r, alpha, a, b } = model.bgNbd;
  const bg = { r, alpha, a, b };
  const gg = model.gammaGamma && { p: model.gammaGamma.p, q: model.gammaGamma.q, gamma: model.gammaGamma.gamma };
  const t = horizonDays / model.periodDays;
  return summaries.map((s) => {
    const expectedPurchases = conditionalExpectedPurchases(bg, s, t);
    const averageValue = gg ? expectedAverageValue(gg, s) : null;
    return {
      customerId: s.customerId,
      frequency: s.frequency,
      recency: s.recency,
      T: s.T,
      monetary: s.monetary,
      probabilityAlive: probabilityAlive(bg, s),
      horizonDays,
      expectedPurchases,
      expectedAverageValue: averageValue,
      expectedValue: averageValue === null ? null : expectedPurchases * averageValue,
    };
  });
}

export interface ClvRunOptions {
  /** Fit on transactions up to the end of this day (UTC); predictions start after it. */
  asOf: Date;
  /** Period length the model counts time in; parameters are reported per period (CDNOW's published ones are per week). */
  periodDays?: number;
  horizonDays?: number;
}

export interface ClvRun {
  model: ClvModel;
  summaries: CustomerSummary[];
  predictions: ClvPrediction[];
}

export const DEFAULT_PERIOD_DAYS = 7;
export const DEFAULT_HORIZON_DAYS = 90;

/** What the insights service calls: summarise a transaction log as of a day, fit both models, predict every customer. */
export function fitAndPredictClv(transactions: Iterable<ClvTransaction>, options: ClvRunOptions): ClvRun {
  const periodDays = options.periodDays ?? DEFAULT_PERIOD_DAYS;
  const summaries = summariseTransactions(transactions, { calibrationEnd: options.asOf, periodDays });
  const model = fitClvModel(summaries, { calibrationEnd: options.asOf, periodDays });
  return { model, summaries, predictions: predictClv(model, summaries, options.horizonDays ?? DEFAULT_HORIZON_DAYS) };
}
