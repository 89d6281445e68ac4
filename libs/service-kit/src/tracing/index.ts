export * from './tracing-config';
export * from './tracer';
export * from './http-tracing';
export * from './graphql-tracing';
export * from './job-tracing';
export * from './log-correlation';
