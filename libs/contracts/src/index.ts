export * from './channels';
export * from './identifiers';
export * from './touchpoint';
export * from './queues';
export * from './jobs';
export * from './scalars';
export * from './job-ids';
export * from './suppression';
