import { z } from 'zod';
import { conditionalExpectedPurchases, fitBgNbd, probabilityAlive } from './bgnbd';
import { expectedAverageValue, fitGammaGamma, isSpendInformative } from './gamma-gamma';
import { summariseTransactions, type ClvCustomer, type ClvTransaction, type CustomerSummary } from './rfm-summary';

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
  reference: z.object({
    frequency: z.number().nonnegative(),
    recency: z.number().nonnegative(),
    T: z.number().nonnegative(),
    monetary: z.number().nonnegative(),
  }),
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
export function fitClvModel(customers: readonly ClvCustomer[], { calibrationEnd, periodDays }: FitOptions): ClvModel {
  const summaries = customers.map(checkedCustomer);
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
    reference: typicalCustomer(summaries),
    bgNbd: { ...bg.parameters, logLikelihood: bg.logLikelihood, customers: summaries.length, iterations: bg.iterations, converged: bg.converged },
    gammaGamma: gg && { ...gg.parameters, logLikelihood: gg.logLikelihood, customers: gg.customers, iterations: gg.iterations, converged: gg.converged },
  };
}

/**
 * The population's typical customer (medians of frequency, time since the last purchase, T and,
 * among repeat buyers, mean spend): the baseline an explanation measures a customer against.
 */
function typicalCustomer(summaries: readonly ClvCustomer[]): ClvModel['reference'] {
  const T = median(summaries.map((s) => s.T));
  const lapse = median(summaries.map((s) => s.T - s.recency));
  return {
    frequency: Math.round(median(summaries.map((s) => s.frequency))),
    recency: Math.max(0, T - lapse),
    T,
    monetary: median(summaries.filter(isSpendInformative).map((s) => s.monetary)),
  };
}

function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((p, q) => p - q);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
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

export function predictClv(model: ClvModel, customers: readonly ClvCustomer[], horizonDays: number): ClvPrediction[] {
  if (!(horizonDays >= 0)) throw new ClvError('INVALID_INPUT', 'the horizon must be zero or more days');
  return customers.map((customer) => predictCustomerClv(model, customer, horizonDays));
}

/** A customer the formulas can read; a recency beyond T (clocks of different sources) is read as T. */
function checkedCustomer(customer: ClvCustomer): ClvCustomer {
  const { frequency, recency, T, monetary } = customer;
  if (![frequency, recency, T, monetary].every(Number.isFinite) || frequency < 0 || recency < 0 || T < 0) {
    throw new ClvError('INVALID_INPUT', 'frequency, recency and T must be finite and not negative, monetary finite');
  }
  return recency > T ? { ...customer, recency: T } : customer;
}

/** One customer's prediction. */
export function predictCustomerClv(model: ClvModel, customer: ClvCustomer, horizonDays: number): ClvPrediction {
  if (!(horizonDays >= 0)) throw new ClvError('INVALID_INPUT', 'the horizon must be zero or more days');
  const { frequency, recency, T, monetary } = checkedCustomer(customer);
  const history = { frequency, recency, T, monetary };
  const { r, alpha, a, b } = model.bgNbd;
  const bg = { r, alpha, a, b };
  const gg = model.gammaGamma && { p: model.gammaGamma.p, q: model.gammaGamma.q, gamma: model.gammaGamma.gamma };
  const expectedPurchases = conditionalExpectedPurchases(bg, history, horizonDays / model.periodDays);
  const averageValue = gg ? expectedAverageValue(gg, history) : null;
  return {
    customerId: customer.customerId,
    ...history,
    probabilityAlive: probabilityAlive(bg, history),
    horizonDays,
    expectedPurchases,
    expectedAverageValue: averageValue,
    expectedValue: averageValue === null ? null : expectedPurchases * averageValue,
  };
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
