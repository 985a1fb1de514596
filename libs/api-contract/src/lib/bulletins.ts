/* /api/bulletins: the 通报 on a region's annual reports of a year, as DOCX or XLSX. */

export const BULLETIN_FORMATS = ['docx', 'xlsx'] as const;
/** docx: the notice with its charts; xlsx: the same tables, one sheet each. */
export type BulletinFormat = (typeof BULLETIN_FORMATS)[number];

/** `GET /api/bulletins/{year}`. */
export interface BulletinQuery {
  /** The region (an agency in the caller's scope, with its whole subtree); default: the caller's scope. */
  scope?: string;
  /** Default docx. */
  format?: BulletinFormat;
}
