import type { KafkaAdmin } from '@saga/events';
import { everyStep } from './every-step.ts';
import { TestNamespaceError } from './test-namespace-error.ts';

export interface KafkaNamespaceCleanupOptions {
  /**
   * How long to keep trying to delete the groups: a group can only be deleted once empty, and its
   * members take a moment to leave after they stop.
   */
  readonly groupDeletionMs: number;
  /** Pause between two tries (default 500 ms). */
  readonly retryEveryMs?: number;
  /** What to tell the reader when groups are left: how this user of the namespace stops its members. */
  readonly leftBehindHint?: string;
}

/**
 * Takes a namespace away from a shared broker: every consumer group, then every topic, whose name
 * starts with `prefix` (the test kit's `<suite>.<id>.` namespaces, the bench's `bench.raw.<id>.`).
 * Groups first, since a group whose topics are gone is no longer listed the same way. Both steps are
 * tried even when one fails; the first failure is thrown, so leaving something behind says so.
 * @throws TestNamespaceError NAMESPACE_LEFT_BEHIND when the groups were still not empty after
 *   `groupDeletionMs`; the broker's error when listing or deleting the topics failed
 */
export function cleanUpKafkaNamespace(
  admin: KafkaAdmin,
  prefix: string,
  options: KafkaNamespaceCleanupOptions,
): Promise<void> {
  return everyStep([
    () => deleteNamespaceGroups(admin, prefix, options),
    () => deleteNamespaceTopics(admin, prefix),
  ]);
}

/** Every group named with `prefix`; a group whose members are still leaving is tried again. */
async function deleteNamespaceGroups(
  admin: KafkaAdmin,
  prefix: string,
  options: KafkaNamespaceCleanupOptions,
): Promise<void> {
  const deadline = Date.now() + options.groupDeletionMs;
  for (;;) {
    const ours = (await admin.listGroups()).filter((id) => id.startsWith(prefix));
    if (ours.length === 0) return;
    try {
      await admin.deleteGroups(ours);
      return;
    } catch (error) {
      if (Date.now() > deadline)
        throw new TestNamespaceError(
          'NAMESPACE_LEFT_BEHIND',
          `consumer groups ${ours.join(', ')} could not be deleted; is a member still running? ${options.leftBehindHint ?? 'Stop every consumer of the namespace first'}`,
          { cause: error },
        );
      await new Promise((resolve) => setTimeout(resolve, options.retryEveryMs ?? 500));
    }
  }
}

/** Every topic named with `prefix`, in one request. */
async function deleteNamespaceTopics(admin: KafkaAdmin, prefix: string): Promise<void> {
  const ours = (await admin.listTopics()).filter((topic) => topic.startsWith(prefix));
  if (ours.length > 0) await admin.deleteTopics(ours);
}
