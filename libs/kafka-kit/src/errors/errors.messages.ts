import type { DeniedAccess } from './denied-access.js';
import type { DeserializationFailureReason } from './deserialization-failure-reason.js';
import type { PayloadViolation } from './payload-violation.js';
import { describeCoordinates, type RecordCoordinates } from './record-coordinates.js';

const DESERIALIZATION_WHY: Record<DeserializationFailureReason, string> = {
  'empty-value': 'the value is empty (0 bytes), which is not JSON',
  'invalid-utf8': 'the value is not valid UTF-8',
  'not-json': 'the value is not valid JSON',
};

// The parser's own text is left to `cause`: it quotes the payload, which may hold personal data.
export function deserializationFailed(
  coordinates: RecordCoordinates,
  reason: DeserializationFailureReason,
): string {
  return `Cannot deserialize record ${describeCoordinates(coordinates)}: ${DESERIALIZATION_WHY[reason]} (${reason})`;
}

function describeViolation({ path, constraint, message }: PayloadViolation): string {
  return `${path === '' ? '(payload)' : path} [${constraint}] ${message}`;
}

export function payloadValidationFailed(
  coordinates: RecordCoordinates,
  violations: readonly PayloadViolation[],
): string {
  const count = violations.length === 1 ? '1 violation' : `${violations.length} violations`;
  return `Payload of record ${describeCoordinates(coordinates)} failed validation (${count}): ${violations.map(describeViolation).join('; ')}`;
}

export function notAPayloadSchema(received: string): string {
  return `A payload schema must be a class-validator DTO class or a Standard Schema v1 object (zod, valibot, ...); received ${received}`;
}

export function asyncPayloadSchema(vendor: string): string {
  return (
    `The ${vendor} payload schema validates asynchronously, but records are validated synchronously ` +
    'in partition order; drop the async refinements or checks, or validate inside the handler'
  );
}

export function routedByHandler(kind: string, reason: string): string {
  return `the handler routed the record (${kind}): ${reason}`;
}

export const tooFewPartitionsMessage = (topic: string, partitionCount: number, reserved: number): string =>
  `Topic "${topic}" has ${partitionCount} partition(s) but the priority partitioner reserves ` +
  `${reserved} for priority keys and needs at least one more for the others: ` +
  `give the topic at least ${reserved + 1} partitions or reserve fewer.`;

export const adminRequestTimedOut = (request: string, timeoutMs: number): string =>
  `Kafka admin request ${request} did not answer within ${timeoutMs} ms`;

export function failureWriteInProgress(
  groupId: string,
  topic: string,
  partition: number,
  writeError: string,
): string {
  return `partition ${topic}[${partition}] of group "${groupId}" is not stopped on an error: its failed record is still being written to the DLQ or retry topic (${writeError}); it goes on by itself once the write succeeds, so fix the failure topic instead of retrying or skipping`;
}

export const produceNotAcknowledged = (partitions: string[], attempts: number): string =>
  `the broker did not acknowledge records for ${partitions.join(', ')} after ${attempts} sends`;

export function offsetConflict(groupId: string, topic: string, partition: number, offset: string): string {
  return `group "${groupId}" ${topic}[${partition}] offset ${offset}: the offset store is already past this record (another consumer applied it after a rebalance); its transaction was rolled back`;
}

export function handlerTimedOut(listener: string, coordinates: RecordCoordinates, timeoutMs: number): string {
  return `Listener ${listener} did not finish record ${describeCoordinates(coordinates)} within its handlerTimeoutMs of ${timeoutMs} ms: the record goes to the listener's error strategy; the abandoned call keeps running until it settles (its ctx.signal is aborted)`;
}

export function notAuthorized(denied: DeniedAccess): string {
  const who = denied.principal ?? 'the client';
  const what =
    denied.resource === 'group'
      ? `group "${denied.names[0]}"`
      : denied.names.length === 1
        ? `topic "${denied.names[0]}"`
        : `one or more of the topics ${denied.names.map((n) => `"${n}"`).join(', ')}`;
  return `not authorized: ${who} may not ${denied.operation} ${what} (${denied.code}); grant it an ACL (kafka-acls --add --allow-principal ${who} --operation ${denied.operation} --${denied.resource} <name>)`;
}
