export * from './identifier-policy';
export * from './identifier-registry';
export * from './email.normaliser';
export * from './phone.normaliser';
export * from './postal-address.normaliser';
export * from './person-traits.normaliser';
export * from './survivorship';
