import type { ValueTransformer } from 'typeorm';

/** PostgreSQL `numeric` arrives as a string (it may exceed a double); report cells fit a number. */
export const numericTransformer: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};
