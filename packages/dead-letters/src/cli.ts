import { Kafka, logLevel } from 'kafkajs';
import { ConfigError, loadConfig } from '@saga/config';
import { Topics } from '@saga/contracts';
import {
  DeadLetterNotFoundError,
  DeadLetters,
  kafkaClientOptions,
  NotADeadLetterTopicError,
} from '@saga/events';
import { parseCommand, type Command } from './command.ts';
import { deadLetterJson, formatDeadLetter, formatReplayed } from './format.ts';
import { UsageError } from './usage-error.ts';

/** 0: done; 1: what was asked for is not there; 2: the tool could not do its job (usage, config, broker). */
async function main(command: Command, out: (line: string) => void): Promise<number> {
  const config = loadConfig();
  const kafka = new Kafka({
    clientId: 'saga-dlq',
    ...kafkaClientOptions(config),
    logLevel: logLevel.NOTHING,
  });
  const deadLetters = new DeadLetters(kafka, { topicPrefix: config.kafka.topicPrefix });
  switch (command.kind) {
    case 'list': {
      const topics = command.topic === undefined ? Object.values(Topics) : [command.topic];
      const json: ReturnType<typeof deadLetterJson>[] = [];
      let found = 0;
      let nonEmpty = 0;
      for (const topic of topics) {
        const letters = await deadLetters.list(topic, { limit: command.limit });
        found += letters.length;
        if (letters.length > 0) nonEmpty += 1;
        if (command.json) {
          json.push(...letters.map(deadLetterJson));
          continue;
        }
        // Across all topics only those with dead letters are shown; a topic asked for by name always is.
        if (letters.length === 0 && command.topic === undefined) continue;
        const dlq = topic.endsWith('.dlq') ? topic : `${topic}.dlq`;
        out(
          `${dlq}: ${letters.length === 0 ? 'no dead letters' : `newest ${letters.length} dead letter(s), oldest first`}`,
        );
        for (const letter of letters) for (const line of formatDeadLetter(letter)) out(`  ${line}`);
      }
      if (command.json) out(JSON.stringify(json, null, 2));
      else if (command.topic === undefined)
        out(
          `${found} dead letter(s) in ${nonEmpty} of ${topics.length} .dlq topics (at most ${command.limit} per topic shown)`,
        );
      return 0;
    }
    case 'replay-one': {
      const letter = await deadLetters.get(command.topic, command.partition, command.offset);
      const [replayed] = await deadLetters.replay([letter]);
      if (replayed) out(formatReplayed(replayed));
      out('the consumer processes it again; consumers dedupe by ce_id, so a repeat changes nothing');
      return 0;
    }
    case 'replay-all': {
      const letters = await deadLetters.list(command.topic, { limit: Number.MAX_SAFE_INTEGER });
      if (letters.length === 0) {
        out(`${command.topic} has no dead letters; nothing replayed`);
        return 0;
      }
      for (const replayed of await deadLetters.replay(letters)) out(formatReplayed(replayed));
      out(
        `replayed ${letters.length} dead letter(s) of ${command.topic}; they stay in ${command.topic} as a record`,
      );
      return 0;
    }
  }
}

try {
  process.exitCode = await main(parseCommand(process.argv.slice(2)), (line) => {
    console.log(line);
  });
} catch (error) {
  if (error instanceof UsageError) {
    console.error(`saga-dlq: ${error.message}\n${error.usage}`);
    process.exitCode = 2;
  } else if (error instanceof DeadLetterNotFoundError || error instanceof NotADeadLetterTopicError) {
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
