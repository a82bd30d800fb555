import { DASHBOARD_USAGE, USAGE } from './cli.messages.js';
import { runDlqCommand } from './dlq-command.js';
import { startStandaloneDashboard } from './dashboard-command.js';
import { parseDlqArgs } from './parse-args.js';
import { parseDashboardArgs } from './parse-dashboard-args.js';
import { dashboardListening } from '../dashboard/dashboard.messages.js';
import { errorSummary } from '../errors/error-summary.js';

/** `nest-kafka-kit dlq ...` or `nest-kafka-kit dashboard ...`; returns the process exit code. */
export async function main(
  argv: string[],
  env: Record<string, string | undefined> = process.env,
  print: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
  printError: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): Promise<number> {
  let run: () => Promise<number>;
  try {
    if (argv[0] === 'dashboard') {
      const command = parseDashboardArgs(argv, env);
      run = async () => {
        const dashboard = await startStandaloneDashboard(command);
        print(dashboardListening(dashboard.url));
        // Runs until SIGINT or SIGTERM (enableShutdownHooks closes the app, then the process ends).
        await new Promise<void>((resolve) => dashboard.app.getHttpServer().once('close', resolve));
        return 0;
      };
    } else if (argv[0] !== 'dlq') {
      printError(`${USAGE}\n\n${DASHBOARD_USAGE}`);
      return 64;
    } else {
      const command = parseDlqArgs(argv, env);
      run = () => runDlqCommand(command, print);
    }
  } catch (error) {
    printError((error as Error).message);
    return 64;
  }
  try {
    return await run();
  } catch (error) {
    printError(errorSummary(error));
    return 1;
  }
}
