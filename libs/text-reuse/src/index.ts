export * from './lib/passages';
export * from './lib/fingerprint';
export * from './lib/boilerplate';
export * from './lib/reuse-index';
export * from './lib/shared-passages';
