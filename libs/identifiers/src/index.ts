export * from './normalise-identifier';
