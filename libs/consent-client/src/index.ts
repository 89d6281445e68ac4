export * from './consent-profile';
export * from './consent-client';
export * from './consent-client.config';
export * from './static-consent-service';
