/** Where a command writes; tests pass buffers, main.ts passes the process streams. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

export const processIo: CliIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

/** Exit codes: 0 done (findings do not change it), 1 unexpected failure, 2 unusable input. */
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_BAD_INPUT = 2;

/** A problem with what the user gave us, reported as one clear line (Chinese / English). */
export class CliInputError extends Error {
  override name = 'CliInputError';
}
