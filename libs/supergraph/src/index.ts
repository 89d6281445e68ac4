export * from './compose-supergraph';
export * from './api-schema';
