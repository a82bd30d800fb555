import type { Admin, API, Broker, Callback, Connection, consumerGroupDescribeV0 } from '@platformatic/kafka';
import type { GroupDescription } from '../admin-client.js';
import type { PlatformaticKafka } from './load-platformatic.js';

type ConsumerGroupDescribeResponse = consumerGroupDescribeV0.ConsumerGroupDescribeResponse;
type DescribedGroup = ConsumerGroupDescribeResponse['groups'][number];
type DescribeApi = API<
  [groupIds: string[], includeAuthorizedOperations: boolean],
  ConsumerGroupDescribeResponse
>;

/**
 * KIP-848 groups, described with ConsumerGroupDescribe: classic DescribeGroups answers such a group
 * `Dead` with no members, and @platformatic/kafka's admin has no call for the KIP-848 API. Groups
 * the broker does not know as consumer-protocol groups (classic, or absent) are left out, as is
 * everything on a broker without the API.
 */
export async function describeConsumerGroups(
  kafka: PlatformaticKafka,
  admin: Admin,
  groupIds: string[],
): Promise<GroupDescription[]> {
  const coordinators = await admin.findCoordinator({ keyType: 0, keys: groupIds });
  const byBroker = new Map<string, { broker: Broker; groups: string[] }>();
  for (const c of coordinators) {
    const at = `${c.host}:${c.port}`;
    if (!byBroker.has(at)) byBroker.set(at, { broker: { host: c.host, port: c.port }, groups: [] });
    byBroker.get(at)!.groups.push(c.key);
  }
  const answers = await Promise.all(
    [...byBroker.values()].map(({ broker, groups }) => describeOn(kafka, admin, broker, groups)),
  );
  return answers
    .flat()
    .filter((g) => g.errorCode === 0)
    .map(toDescription);
}

async function describeOn(
  kafka: PlatformaticKafka,
  admin: Admin,
  broker: Broker,
  groups: string[],
): Promise<DescribedGroup[]> {
  let api: DescribeApi;
  try {
    api = await settle<DescribeApi>((done) => admin[kafka.kGetApi]('ConsumerGroupDescribe', done));
  } catch (error) {
    if (error instanceof kafka.UnsupportedApiError) return [];
    throw error;
  }
  const connection = await settle<Connection>((done) => admin[kafka.kGetConnection](broker, done));
  try {
    return (await api.async(connection, groups, false)).groups;
  } catch (error) {
    // A group the broker does not know fails the whole answer, which still describes the others.
    const response = (error as { response?: ConsumerGroupDescribeResponse }).response;
    if (response?.groups) return response.groups;
    throw error;
  }
}

function settle<T>(start: (done: Callback<T>) => void): Promise<T> {
  return new Promise((resolve, reject) => start((error, value) => (error ? reject(error) : resolve(value!))));
}

function toDescription(g: DescribedGroup): GroupDescription {
  return {
    groupId: g.groupId,
    // ConsumerGroupDescribe spells its states as the library does (Stable, Assigning, Reconciling, Empty).
    state: g.groupState,
    members: g.members.length,
    assignments: g.members.map((m) => ({
      memberId: m.memberId,
      clientId: m.clientId,
      host: m.clientHost,
      partitions: Object.fromEntries(m.assignment.topicPartitions.map((t) => [t.topicName, t.partitions])),
    })),
  };
}
