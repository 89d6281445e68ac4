export * from './caller';
export * from './access-token';
export * from './internal-token';
export * from './verified-token-cache';
