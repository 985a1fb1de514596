export * from './lib/cell-source';
export * from './lib/formula';
export * from './lib/catalogue';
export * from './lib/evaluate';
export * from './lib/narrative';
export * from './lib/quality';
export * from './lib/compare';
export * from './lib/cell-vector';
