import { logLevel, type logCreator } from 'kafkajs';
import type { Logger } from '@saga/logging';

/** Sends kafkajs's own log lines into the service's structured log instead of its console format. */
export function kafkaLogBridge(logger: Logger): logCreator {
  const kafkaLog = logger.child({ lib: 'kafkajs' });
  return () =>
    ({ level, log }) => {
      const { message, ...extra } = log;
      switch (level) {
        case logLevel.ERROR:
          kafkaLog.error(extra, message);
          break;
        case logLevel.WARN:
          kafkaLog.warn(extra, message);
          break;
        case logLevel.INFO:
          kafkaLog.info(extra, message);
          break;
        default:
          kafkaLog.debug(extra, message);
      }
    };
}
