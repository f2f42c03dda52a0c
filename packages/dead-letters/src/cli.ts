import { ConfigError, loadConfig } from '@saga/config';
import { Topics } from '@saga/contracts';
import {
  createEventClient,
  DeadLetterAlreadyReplayedError,
  DeadLetterNotFoundError,
  NotADeadLetterTopicError,
} from '@saga/events';
import { createLogger } from '@saga/logging';
import { parseCommand, type Command } from './command.ts';
import { deadLetterJson, formatDeadLetter, formatReplayed, formatSkipped } from './format.ts';
import { UsageError } from './usage-error.ts';

/** 0: done; 1: what was asked for is not there (or was replayed already); 2: the tool could not do its job. */
async function main(command: Command, out: (line: string) => void): Promise<number> {
  const config = loadConfig();
  // The event client's own Kafka and registry wiring, so values decode exactly as the services decode them.
  const events = createEventClient({
    config,
    service: 'saga-dlq',
    logger: createLogger('saga-dlq', 'silent'),
  });
  const deadLetters = events.deadLetters;
  switch (command.kind) {
    case 'list': {
      const topics = command.topic === undefined ? Object.values(Topics) : [command.topic];
      const options = { ...command.filter, limit: command.limit };
      let found = 0;
      let nonEmpty = 0;
      for (const topic of topics) {
        const letters = await deadLetters.list(topic, options);
        const decoded = await deadLetters.decodeValues(letters);
        found += letters.length;
        if (letters.length > 0) nonEmpty += 1;
        if (command.json) {
          letters.forEach((letter, i) => {
            out(JSON.stringify(deadLetterJson(letter, decoded[i] ?? notDecoded)));
          });
          continue;
        }
        // Across all topics only those with dead letters are shown; a topic asked for by name always is.
        if (letters.length === 0 && command.topic === undefined) continue;
        const dlq = topic.endsWith('.dlq') ? topic : `${topic}.dlq`;
        out(
          `${dlq}: ${letters.length === 0 ? 'no dead letters' : `newest ${letters.length} dead letter(s), oldest first`}`,
        );
        letters.forEach((letter, i) => {
          for (const line of formatDeadLetter(letter, decoded[i] ?? notDecoded)) out(`  ${line}`);
        });
      }
      if (!command.json && command.topic === undefined)
        out(
          `${found} dead letter(s) in ${nonEmpty} of ${topics.length} .dlq topics (at most ${command.limit} per topic shown)`,
        );
      return 0;
    }
    case 'replay-one': {
      const { replayed } = await deadLetters.replayOne(command.topic, command.partition, command.offset, {
        again: command.again,
      });
      for (const r of replayed) out(formatReplayed(r));
      out('the consumer processes it again; consumers dedupe by ce_id, so a repeat changes nothing');
      return 0;
    }
    case 'replay-all': {
      const { replayed, skipped } = await deadLetters.replayAll(command.topic, {
        includeReplays: command.includeReplays,
      });
      for (const r of replayed) out(formatReplayed(r));
      for (const s of skipped) out(formatSkipped(s));
      out(
        `replayed ${replayed.length}, skipped ${skipped.length} dead letter(s) of ${command.topic}; they stay in ${command.topic} as a record, the replays in ${command.topic}.replays`,
      );
      return 0;
    }
  }
}

const notDecoded = { json: null, schemaId: null, decodeError: 'not decoded' };

try {
  process.exitCode = await main(parseCommand(process.argv.slice(2)), (line) => {
    console.log(line);
  });
} catch (error) {
  if (error instanceof UsageError) {
    console.error(`saga-dlq: ${error.message}\n${error.usage}`);
    process.exitCode = 2;
  } else if (
    error instanceof DeadLetterNotFoundError ||
    error instanceof NotADeadLetterTopicError ||
    error instanceof DeadLetterAlreadyReplayedError
  ) {
    console.error(`saga-dlq: ${error.message}`);
    process.exitCode = 1;
  } else if (error instanceof ConfigError) {
    console.error(`saga-dlq: ${error.message}`);
    process.exitCode = 2;
  } else {
    console.error(
      `saga-dlq: ${(error as Error).message}; is the stack up? (\`npm start\`, or set KAFKA_BROKERS)`,
    );
    process.exitCode = 2;
  }
}
