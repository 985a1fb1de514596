/* What every endpoint shares: the error body, file fields of multipart forms. */

/** The body of every error answer (the API's one exception filter shapes them all). */
export interface ApiErrorBody {
  statusCode: number;
  /** Stable machine code, e.g. `REPORT_NOT_FOUND`. */
  code: string;
  /** In Chinese; validation failures list every reason. */
  message: string | string[];
}

/** A refused file whose rows are listed (agency import, import manifest: 422). */
export interface ApiErrorWithRows<Row> extends ApiErrorBody {
  errors: Row[];
}

/** A file field of a multipart form: a Blob or File in the browser (declared here: no DOM types). */
export interface FilePart {
  readonly size: number;
  readonly type: string;
}
