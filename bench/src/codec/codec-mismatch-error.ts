import { BenchError } from '../bench-error.ts';

/**
 * The two codecs wrote different Avro bytes for the same value, so their rates would not compare the
 * same work: the schema or the Avro options differ between them.
 */
export class CodecMismatchError extends BenchError {
  readonly code = 'BENCH_CODEC_MISMATCH';

  constructor(readonly topic: string) {
    super(
      `the registry codec and plain avsc encode ${topic} to different Avro bytes; both must parse the same schema with @saga/avro's avroOptions`,
    );
  }
}
