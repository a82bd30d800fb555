import { runDlqCommand } from './dlq-command.js';
import { parseDlqArgs } from './parse-args.js';
import { errorSummary } from '../errors/error-summary.js';

/** `nest-kafka-kit dlq ...`; returns the process exit code. */
export async function main(
  argv: string[],
  env: Record<string, string | undefined> = process.env,
  print: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
  printError: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): Promise<number> {
  let command;
  try {
    command = parseDlqArgs(argv, env);
  } catch (error) {
    printError((error as Error).message);
    return 64;
  }
  try {
    return await runDlqCommand(command, print);
  } catch (error) {
    printError(errorSummary(error));
    return 1;
  }
}
