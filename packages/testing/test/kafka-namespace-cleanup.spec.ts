import { expect } from 'chai';
import type { KafkaAdmin } from '@saga/events';
import { cleanUpKafkaNamespace } from '../src/kafka-namespace-cleanup.ts';
import { TestNamespaceError } from '../src/test-namespace-error.ts';

/**
 * A broker's admin as far as the cleanup uses it: the topics and groups it holds, and how many more
 * times a group deletion fails (members still leaving). What the real broker does is the integration
 * suite's (test-integration/test-namespace.spec.ts); this pins the order and the retries.
 */
function brokerAdmin(state: {
  topics: string[];
  groups: string[];
  groupsBusyFor?: number;
  topicsFail?: boolean;
}) {
  const calls: string[] = [];
  const admin: Pick<KafkaAdmin, 'listGroups' | 'deleteGroups' | 'listTopics' | 'deleteTopics'> = {
    listGroups: () => Promise.resolve([...state.groups]),
    deleteGroups: (ids) => {
      calls.push(`deleteGroups ${ids.join(',')}`);
      if ((state.groupsBusyFor ?? 0) > 0) {
        state.groupsBusyFor = (state.groupsBusyFor ?? 0) - 1;
        return Promise.reject(new Error('The group is not empty'));
      }
      state.groups = state.groups.filter((id) => !ids.includes(id));
      return Promise.resolve();
    },
    listTopics: () => Promise.resolve([...state.topics]),
    deleteTopics: (topics) => {
      calls.push(`deleteTopics ${topics.join(',')}`);
      if (state.topicsFail) return Promise.reject(new Error('broker unavailable'));
      state.topics = state.topics.filter((topic) => !topics.includes(topic));
      return Promise.resolve();
    },
  };
  return { admin: admin as KafkaAdmin, calls, state };
}

describe('cleanUpKafkaNamespace', () => {
  it('deletes the prefix’s groups, then its topics, and nothing of anyone else', async () => {
    const { admin, calls, state } = brokerAdmin({
      topics: [
        'bench.raw.a1.order.created',
        'bench.raw.a1.order.confirmed',
        'order.created',
        'bench.raw.b2.x',
      ],
      groups: ['bench.raw.a1.orchestrator', 'order-service', 'bench.raw.b2.payment'],
    });
    await cleanUpKafkaNamespace(admin, 'bench.raw.a1.', { groupDeletionMs: 1_000 });
    expect(calls).to.deep.equal([
      'deleteGroups bench.raw.a1.orchestrator',
      'deleteTopics bench.raw.a1.order.created,bench.raw.a1.order.confirmed',
    ]);
    expect(state.topics).to.deep.equal(['order.created', 'bench.raw.b2.x']);
    expect(state.groups).to.deep.equal(['order-service', 'bench.raw.b2.payment']);
  });

  it('asks nothing to be deleted when the namespace holds nothing', async () => {
    const { admin, calls } = brokerAdmin({ topics: ['order.created'], groups: ['order-service'] });
    await cleanUpKafkaNamespace(admin, 'suite.1.', { groupDeletionMs: 1_000 });
    expect(calls).to.deep.equal([]);
  });

  it('tries a group again while its members are still leaving', async () => {
    const { admin, state } = brokerAdmin({ topics: [], groups: ['suite.1.listener-1'], groupsBusyFor: 2 });
    await cleanUpKafkaNamespace(admin, 'suite.1.', { groupDeletionMs: 1_000, retryEveryMs: 1 });
    expect(state.groups).to.deep.equal([]);
  });

  it('still deletes the topics when the groups stay, then says which groups were left and how to stop them', async () => {
    const { admin, state } = brokerAdmin({
      topics: ['suite.1.order.created'],
      groups: ['suite.1.listener-1'],
      groupsBusyFor: Number.POSITIVE_INFINITY,
    });
    const error = await cleanUpKafkaNamespace(admin, 'suite.1.', {
      groupDeletionMs: 20,
      retryEveryMs: 1,
      leftBehindHint: 'Stop services before close',
    }).catch((e: unknown) => e);
    expect(state.topics).to.deep.equal([]);
    expect(error).to.be.instanceOf(TestNamespaceError);
    expect((error as TestNamespaceError).code).to.equal('NAMESPACE_LEFT_BEHIND');
    expect((error as Error).message)
      .to.include('suite.1.listener-1')
      .and.to.include('Stop services before close');
  });

  it('throws the broker’s error when the topics could not be deleted', async () => {
    const { admin } = brokerAdmin({ topics: ['suite.1.order.created'], groups: [], topicsFail: true });
    const error = await cleanUpKafkaNamespace(admin, 'suite.1.', { groupDeletionMs: 1_000 }).catch(
      (e: unknown) => e,
    );
    expect((error as Error).message).to.equal('broker unavailable');
  });
});
