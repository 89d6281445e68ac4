export * from './cluster-customers';
export * from './describe-segment';
export * from './feature-matrix';
export * from './match-segments';
