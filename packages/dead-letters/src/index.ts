export { parseCommand, USAGE, type Command } from './command.ts';
export { deadLetterJson, formatDeadLetter, formatReplayed } from './format.ts';
export { UsageError } from './usage-error.ts';
