export * from './params';
export * from './useUrlFilters';
export * from './years';
