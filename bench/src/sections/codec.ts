import avsc from 'avsc';
import { avroOptions } from '@saga/avro';
import { Topics, topicSchemas } from '@saga/contracts';
import { topicSamples } from '@saga/contracts/testing';
import { CodecMismatchError } from '../codec/codec-mismatch-error.ts';
import { RegistryCodec } from '../codec/registry-codec.ts';
import { ScratchSubject } from '../codec/scratch-subject.ts';
import { Interruption } from '../interruption.ts';
import type { BenchSection, Measurement } from '../section.ts';
import { opsPerSecond } from '../stats/ops-per-second.ts';
import { percentiles } from '../stats/percentiles.ts';

/**
 * The four rates are measured in turn, round after round, each for `seconds` a round; a figure is the
 * median over the rounds and a ratio the median of each round's ratio. Interleaved so that a busy
 * moment on a shared machine slows all four a little rather than one of them a lot.
 */
const PLANS = { quick: { rounds: 3, seconds: 0.2 }, full: { rounds: 5, seconds: 1 } } as const;

/** The four things measured: each codec's encode and decode. */
type Path = 'registryEncode' | 'registryDecode' | 'plainEncode' | 'plainDecode';

/**
 * What the registry and the Confluent wire format cost per message: order.created encoded and
 * decoded through the platform's registry-backed codec, against plain avsc on the same record.
 * Both sides parse the schema with the platform's Avro options, so they produce the same Avro bytes
 * (the registry's carry the 5-byte header in front) and differ only in the codec around them.
 */
export const codecSection: BenchSection = {
  name: 'codec',
  title: 'Codec: order.created through the registry-backed codec (Confluent wire format) against plain avsc',
  // Four paths a round, the first round warmed up as long again, and the scratch subject around them.
  estimatedSeconds: (mode) => (PLANS[mode].rounds + 1) * 4 * PLANS[mode].seconds + 2,
  async run(context) {
    const { rounds, seconds } = PLANS[context.mode];
    const topic = Topics.OrderCreated;
    const schema = topicSchemas[topic];
    const value = topicSamples[topic];
    const subject = new ScratchSubject(context.config, topic);
    const interruption = new Interruption();
    try {
      context.progress(`registering ${subject.name} at ${context.config.registry.url}`);
      await interruption.race(subject.create(schema));
      const codec = await interruption.race(
        RegistryCodec.connect(context.config, topic, subject.name, schema),
      );
      // A copy of the options: avsc records named types in the object it is given.
      const plain = avsc.Type.forSchema(schema as avsc.Schema, { ...avroOptions });

      const framed = await codec.encode(value);
      const bare = plain.toBuffer(value);
      if (!framed.subarray(5).equals(bare)) throw new CodecMismatchError(topic);

      const operations: readonly (readonly [Path, () => unknown])[] = [
        ['registryEncode', () => codec.encode(value)],
        ['registryDecode', () => codec.decode(framed)],
        ['plainEncode', () => plain.toBuffer(value)],
        ['plainDecode', (): unknown => plain.fromBuffer(bare)],
      ];
      const samples: Record<Path, number[]> = {
        registryEncode: [],
        registryDecode: [],
        plainEncode: [],
        plainDecode: [],
      };
      for (let round = 0; round < rounds; round++) {
        context.progress(`round ${round + 1} of ${rounds}: 4 × ${seconds} s`);
        for (const [name, operation] of operations) {
          // Only the first round warms up: by the second, every path is as hot as it gets.
          const warmup = round === 0 ? seconds : 0;
          samples[name].push(await interruption.race(opsPerSecond(operation, seconds, warmup)));
        }
      }
      const median = (values: readonly number[]) => percentiles(values).p50;
      const ratios = (plainOps: readonly number[], registryOps: readonly number[]) =>
        plainOps.map((ops, round) => ops / (registryOps[round] ?? ops));
      const registryEncode = median(samples.registryEncode);
      const registryDecode = median(samples.registryDecode);
      const plainEncode = median(samples.plainEncode);
      const plainDecode = median(samples.plainDecode);
      const encodeRatio = median(ratios(samples.plainEncode, samples.registryEncode));
      const decodeRatio = median(ratios(samples.plainDecode, samples.registryDecode));

      const detail = {
        topic,
        subject: subject.name,
        schemaId: codec.schemaId,
        bytes: { registry: framed.length, plain: bare.length },
        figure: `median of ${rounds} interleaved rounds of ${seconds} s`,
        registryEncode:
          'isValid against the code’s type, then registry.encode (as the event client publishes)',
        registryDecode: 'header check, then registry.decode (as the event client consumes its own schema id)',
      };
      const opsRow = (name: string, value: number): Measurement => ({
        name: `codec, ${name} ${topic}`,
        value: Math.round(value),
        unit: 'ops/s',
        detail,
      });
      const ratioRow = (name: string, ratio: number): Measurement => ({
        name: `codec, plain avsc ÷ registry: ${name}`,
        value: Math.round(ratio * 100) / 100,
        unit: '×',
        detail: { figure: `median of the ${rounds} rounds' ratios`, samples },
      });
      return {
        section: codecSection.name,
        rows: [
          opsRow('registry: encode', registryEncode),
          opsRow('registry: decode', registryDecode),
          opsRow('plain avsc: encode', plainEncode),
          opsRow('plain avsc: decode', plainDecode),
          ratioRow('encode', encodeRatio),
          ratioRow('decode', decodeRatio),
        ],
      };
    } finally {
      await subject.remove().catch((error: unknown) => {
        context.progress(`could not delete ${subject.name}: ${(error as Error).message}`);
      });
      interruption.dispose();
    }
  },
};
