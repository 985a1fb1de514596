import { runCli } from './program';
import { processIo } from './io';

void runCli(process.argv.slice(2), processIo).then((code) => {
  process.exitCode = code;
});
