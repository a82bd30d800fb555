import type { Admin } from '@platformatic/kafka';
import { InvalidKafkaOptionsError } from '../../errors/invalid-kafka-options.error.js';
import type { ConsumerClientOptions } from '../consumer-client.js';
import type { PlatformaticKafka } from './load-platformatic.js';
import { groupConfigRefused } from './platformatic.messages.js';

/** The session timeout and heartbeat interval the app set. */
export type GroupTimeouts = NonNullable<ConsumerClientOptions['appTimeouts']>;

/** KIP-848 takes these from the group's configs on the broker, not from the member's join. */
const GROUP_CONFIGS: Record<keyof GroupTimeouts, string> = {
  sessionTimeoutMs: 'consumer.session.timeout.ms',
  heartbeatIntervalMs: 'consumer.heartbeat.interval.ms',
};

/**
 * Writes the session timeout and heartbeat interval the app set as `groupId`'s group configs
 * (IncrementalAlterConfigs, resource GROUP), before the member joins. Nothing is written for an
 * option the app left unset; a refusal (a value under the broker's minimum, no ALTER_CONFIGS on
 * the group) throws an InvalidKafkaOptionsError naming the option and the broker's answer.
 */
export async function writeGroupTimeouts(
  kafka: PlatformaticKafka,
  admin: Admin,
  groupId: string,
  timeouts: GroupTimeouts,
): Promise<void> {
  const set = (Object.keys(GROUP_CONFIGS) as (keyof GroupTimeouts)[]).flatMap((option) =>
    timeouts[option] === undefined
      ? []
      : [{ option, name: GROUP_CONFIGS[option], value: String(timeouts[option]) }],
  );
  if (set.length === 0) return;
  try {
    await admin.incrementalAlterConfigs({
      resources: [
        {
          resourceType: kafka.ConfigResourceTypes.GROUP,
          resourceName: groupId,
          configs: set.map(({ name, value }) => ({
            name,
            value,
            configOperation: kafka.IncrementalAlterConfigOperationTypes.SET,
          })),
        },
      ],
    });
  } catch (error) {
    const answer = brokerAnswer(error);
    // The broker's answer names the config it refused; without one, every option written is named.
    const named = set.filter((s) => answer.includes(s.name));
    const blamed = named.length > 0 ? named : set;
    throw new InvalidKafkaOptionsError(
      blamed.map((s) => s.option).join(', '),
      groupConfigRefused(
        groupId,
        blamed.map((s) => `${s.name}=${s.value}`),
        answer,
      ),
    );
  }
}

/** The broker's own words (error code and message) inside @platformatic/kafka's wrapped errors. */
function brokerAnswer(error: unknown): string {
  const found: string[] = [];
  const visit = (e: unknown, depth: number) => {
    if (!(e instanceof Error) || depth > 6) return;
    const { apiId, serverErrorMessage, response } = e as {
      apiId?: string;
      serverErrorMessage?: string;
      response?: { responses?: { errorMessage?: string | null }[] };
    };
    for (const r of response?.responses ?? []) if (r.errorMessage) found.push(r.errorMessage);
    if (apiId) found.push(serverErrorMessage ? `${apiId}: ${serverErrorMessage}` : apiId);
    for (const inner of (e as { errors?: unknown[] }).errors ?? []) visit(inner, depth + 1);
    visit(e.cause, depth + 1);
  };
  visit(error, 0);
  return found.length > 0 ? [...new Set(found)].join('; ') : String((error as Error).message ?? error);
}
