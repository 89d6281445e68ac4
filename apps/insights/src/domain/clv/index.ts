export * from './bgnbd';
export * from './gamma-gamma';
export * from './rfm-summary';
export * from './clv-model';
export * from './clv-explanation';
