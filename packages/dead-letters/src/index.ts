export { parseCommand, USAGE, type Command } from './command.ts';
export { deadLetterJson, formatDeadLetter, formatReplayed, formatSkipped } from './format.ts';
export { UsageError } from './usage-error.ts';
