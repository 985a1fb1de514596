export * from './lib/model';
export * from './lib/plan';
export * from './lib/random';
export * from './lib/region';
export * from './lib/narrative-text';
export * from './lib/render';
