/** Something about an upload worth telling the uploader that does not stop it. */
export interface ReportWarning {
  /** Stable machine code, e.g. YEAR_DIFFERS. */
  code: string;
  /** In Chinese. */
  message: string;
}
