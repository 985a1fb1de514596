import { Command, CommanderError } from 'commander';
import { registerBackupCommands } from './commands/backup.command';
import { registerBenchCommand } from './commands/bench.command';
import { registerCheckCommand } from './commands/check.command';
import { CliExitCode, registerImportCommand } from './commands/import.command';
import { registerParseCommand } from './commands/parse.command';
import { registerSeedCommand } from './commands/seed.command';
import { registerRulesCommand } from './commands/rules.command';
import { CliInputError, type CliIo, EXIT_BAD_INPUT, EXIT_FAILURE, EXIT_OK } from './io';

export const CLI_VERSION = '0.1.0';

export function createProgram(io: CliIo): Command {
  const program = new Command('atlas')
    .description(
      '政务公开年报汇聚分析平台命令行 / Disclosure Atlas command line\n' +
        'Reads, checks and loads annual reports on government information disclosure.',
    )
    .version(CLI_VERSION, '-v, --version')
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .showHelpAfterError('(atlas --help 查看用法 / for usage)')
    .exitOverride();
  registerParseCommand(program, io);
  registerRulesCommand(program, io);
  registerCheckCommand(program, io);
  registerBenchCommand(program, io);
  registerImportCommand(program, io);
  registerSeedCommand(program, io);
  registerBackupCommands(program, io);
  return program;
}

/** Runs one command line and returns the exit code instead of exiting, so tests can call it. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const program = createProgram(io);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return EXIT_OK;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end through here with exit code 0.
      return error.exitCode === 0 ? EXIT_OK : EXIT_BAD_INPUT;
    }
    // A command that ran to the end but must say so in its exit code (import: some files failed).
    if (error instanceof CliExitCode) return error.exitCode;
    if (error instanceof CliInputError) {
      io.err(`atlas: ${error.message}\n`);
      return EXIT_BAD_INPUT;
    }
    io.err(
      `atlas: 内部错误 / internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    return EXIT_FAILURE;
  }
}
