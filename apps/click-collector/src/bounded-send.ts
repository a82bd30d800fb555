import { ServiceUnavailableException } from '@nestjs/common';

/** What a caller of POST /clicks hears when Kafka did not confirm in time. */
export class KafkaUnavailableException extends ServiceUnavailableException {
  constructor(
    readonly retryAfterSeconds: number,
    reason: string,
  ) {
    super({
      statusCode: 503,
      message: `Kafka did not confirm the click(s): ${reason}; nothing is known to be written, retry after ${retryAfterSeconds} s`,
    });
  }
}

/**
 * `send()` bounded in time: kafkajs retries a produce request for a long time while the cluster
 * is unreachable, which would hang the HTTP request. After `timeoutMs` (or on a send error) the
 * caller gets a 503 instead. The send is not cancelled: a click it answered 503 for may still be
 * written later, so a client that retries may count it twice (at-least-once).
 */
export async function boundedSend<T>(
  send: Promise<T>,
  timeoutMs: number,
  retryAfterSeconds: number,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(new KafkaUnavailableException(retryAfterSeconds, `no acknowledgement within ${timeoutMs} ms`)),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([send, timeout]);
  } catch (err) {
    if (err instanceof KafkaUnavailableException) throw err;
    throw new KafkaUnavailableException(retryAfterSeconds, (err as Error).message);
  } finally {
    clearTimeout(timer);
    // A send that loses the race must not surface later as an unhandled rejection.
    send.catch(() => undefined);
  }
}
