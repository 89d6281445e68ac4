export * from './sentiment-label';
export * from './lexicon-model';
export * from './logistic-regression';
export * from './domain-classifier';
export * from './sentiment-trend';
export { classifierTokens } from './text-tokens';
export * from './binary-metrics';
