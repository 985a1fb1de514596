/** Which national format a report follows, detected from its tables (not from its year). */
export const FORMAT_VERSIONS = ['2021', '2019'] as const;

export type FormatVersion = (typeof FORMAT_VERSIONS)[number];
