export * from './caller';
export * from './access-token';
export * from './internal-token';
