// The platformatic driver's contenders run where the driver itself says it can. The bench keeps
// no copy of @platformatic/kafka's Node.js range: the library refuses the driver at startup with
// an InvalidKafkaOptionsError on `driver` (its own engines check), and that reason goes into the
// report in place of the contender's figures.
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { InvalidKafkaOptionsError, type KafkaModuleOptions } from 'nest-kafka-kit';
import type { Outcome } from '../sample.js';
import { benchKafkaModule } from './kafka-listener.js';

export const PLATFORMATIC: Partial<KafkaModuleOptions> = { driver: 'platformatic' };

let problem: Promise<string | undefined> | undefined;

/** Why the platformatic driver cannot start in this process; undefined when it can. */
export function platformaticProblem(): Promise<string | undefined> {
  problem ??= probe();
  return problem;
}

async function probe(): Promise<string | undefined> {
  @Module({ imports: [benchKafkaModule(PLATFORMATIC)] })
  class PlatformaticProbe {}
  try {
    // No logger: the refusal is an expected answer here, not an error to print.
    const app = await NestFactory.createApplicationContext(PlatformaticProbe, {
      logger: false,
      abortOnError: false,
    });
    await app.close();
    return undefined;
  } catch (error) {
    if (error instanceof InvalidKafkaOptionsError && error.option === 'driver') return error.reason;
    throw error;
  }
}

/** A contender on the platformatic driver: `run`, or the driver's reason where it cannot start. */
export const onPlatformatic = (run: () => Promise<Outcome>) => async (): Promise<Outcome> => {
  const reason = await platformaticProblem();
  return reason ? { unavailable: `not run: ${reason}` } : run();
};
