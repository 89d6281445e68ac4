export * from './config';
export * from './logger';
export * from './queue';
export * from './http-server';
export * from './graphql-server';
export * from './mongo';
export * from './service-runner';
export * from './touch-facts';
