import type { CompressionTypes as CompressionType } from 'kafkajs';
import { CompressionCodecs, CompressionTypes } from './kafkajs.js';
import { InvalidKafkaOptionsError } from '../errors/invalid-kafka-options.error.js';
import type { CompressionCodec } from '../interfaces/producer-options.interface.js';

export const KAFKAJS_COMPRESSION: Record<CompressionCodec, CompressionType> = {
  none: CompressionTypes.None,
  gzip: CompressionTypes.GZIP,
  snappy: CompressionTypes.Snappy,
  lz4: CompressionTypes.LZ4,
  zstd: CompressionTypes.ZSTD,
};

// kafkajs ships gzip only; the others come from optional codec packages the app installs.
// Each package exposes its codec differently (see their READMEs); `load` adapts.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type CodecModule = any;
const CODEC_PACKAGES: Partial<
  Record<CompressionCodec, { pkg: string; load: (mod: CodecModule) => unknown }>
> = {
  snappy: { pkg: 'kafkajs-snappy', load: (m) => m.default ?? m },
  lz4: { pkg: 'kafkajs-lz4', load: (m) => new (m.default ?? m)().codec },
  zstd: { pkg: '@kafkajs/zstd', load: (m) => (m.default ?? m)() },
};

const registered = new Set<CompressionCodec>();

/** Makes `codec` usable by kafkajs, loading its package once; fails naming what to install. */
export async function registerCompressionCodec(codec: CompressionCodec): Promise<void> {
  const entry = CODEC_PACKAGES[codec];
  // kafkajs types the registry without the None slot; index it as a plain record.
  const registry = CompressionCodecs as unknown as Record<number, unknown>;
  const type = KAFKAJS_COMPRESSION[codec];
  // kafkajs pre-fills every slot with a codec that throws "not implemented"; track our own.
  if (!entry || registered.has(codec)) return;
  let mod: unknown;
  try {
    mod = await import(entry.pkg);
  } catch {
    throw new InvalidKafkaOptionsError(
      'producer.compression',
      `'${codec}' needs the package ${entry.pkg}: npm install ${entry.pkg}`,
    );
  }
  registry[type] = entry.load(mod);
  registered.add(codec);
}
