import { EventClientError } from './errors.ts';

/** A consumed topic has no `<topic>.dlq`, so a message that cannot be handled would have nowhere to go. */
export class DeadLetterTopicMissingError extends EventClientError {
  readonly code = 'DEAD_LETTER_TOPIC_MISSING';
  readonly retriable = false;
  constructor(readonly topics: readonly string[]) {
    super(
      `dead-letter topic(s) ${topics.join(', ')} do not exist; start the stack with \`npm start\` (its bootstrap creates them) or create them with ensureTopics`,
    );
  }
}
