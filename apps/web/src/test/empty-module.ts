// Stands in for Element Plus style imports under Vitest, where CSS is irrelevant.
export {};
