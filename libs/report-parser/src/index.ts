export * from './lib/document';
