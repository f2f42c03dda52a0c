import avsc from 'avsc';
import { avroOptions } from '@saga/avro';
import { Topics, topicSchemas } from '@saga/contracts';
import { topicSamples } from '@saga/contracts/testing';
import { RegistryCodec } from '../codec/registry-codec.ts';
import { ScratchSubject } from '../codec/scratch-subject.ts';
import { Interruption } from '../interruption.ts';
import type { BenchSection, Measurement } from '../section.ts';
import { opsPerSecond } from '../stats/ops-per-second.ts';

/** Seconds each of the four rates is measured for, per mode. */
const SECONDS = { quick: 1, full: 5 } as const;

/**
 * What the registry and the Confluent wire format cost per message: order.created encoded and
 * decoded through the platform's registry-backed codec, against plain avsc on the same record.
 * Both sides parse the schema with the platform's Avro options, so they produce the same Avro bytes
 * (the registry's carry the 5-byte header in front) and differ only in the codec around them.
 */
export const codecSection: BenchSection = {
  name: 'codec',
  title: 'Codec: order.created through the registry-backed codec (Confluent wire format) against plain avsc',
  async run(context) {
    const seconds = SECONDS[context.mode];
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
      if (!framed.subarray(5).equals(bare))
        throw new Error('the registry codec and plain avsc encode order.created differently');

      const rate = async (label: string, operation: () => unknown) => {
        context.progress(`${label}, ${seconds} s`);
        return interruption.race(opsPerSecond(operation, seconds));
      };
      const registryEncode = await rate('registry encode', () => codec.encode(value));
      const registryDecode = await rate('registry decode', () => codec.decode(framed));
      const plainEncode = await rate('plain avsc encode', () => plain.toBuffer(value));
      const plainDecode = await rate('plain avsc decode', () => plain.fromBuffer(bare));

      const detail = {
        topic,
        subject: subject.name,
        schemaId: codec.schemaId,
        bytes: { registry: framed.length, plain: bare.length },
        seconds,
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
      const ratioRow = (name: string, plainOps: number, registryOps: number): Measurement => ({
        name: `codec, plain avsc ÷ registry: ${name}`,
        value: Math.round((plainOps / registryOps) * 100) / 100,
        unit: '×',
        detail: { plainOpsPerSecond: Math.round(plainOps), registryOpsPerSecond: Math.round(registryOps) },
      });
      return {
        section: codecSection.name,
        rows: [
          opsRow('registry: encode', registryEncode),
          opsRow('registry: decode', registryDecode),
          opsRow('plain avsc: encode', plainEncode),
          opsRow('plain avsc: decode', plainDecode),
          ratioRow('encode', plainEncode, registryEncode),
          ratioRow('decode', plainDecode, registryDecode),
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
