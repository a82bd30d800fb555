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
// Each package exposes its codec differently (see their READMEs); `load` adapts it to kafkajs'
// codec shape: a function returning { compress(encoder), decompress(buffer) }.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type CodecModule = any;
const CODEC_PACKAGES: Partial<
  Record<CompressionCodec, { pkg: string; load: (mod: CodecModule) => Promise<unknown> }>
> = {
  snappy: { pkg: 'kafkajs-snappy', load: async (m) => m.default ?? m },
  lz4: { pkg: 'kafkajs-lz4', load: async (m) => new (m.default ?? m)().codec },
  // WebAssembly, so it installs everywhere (the native @kafkajs/zstd needs a C++ toolchain).
  zstd: {
    pkg: '@bokuweb/zstd-wasm',
    load: async (m) => {
      await m.init();
      const codec = {
        compress: async (encoder: { buffer: Buffer }) => Buffer.from(m.compress(encoder.buffer, 3)),
        decompress: async (buffer: Buffer) => Buffer.from(m.decompress(buffer)),
      };
      return () => codec;
    },
  },
};

const registered = new Set<CompressionCodec>();

/** True once registered; false when the package is not installed; the reason when it is but fails to load. */
async function register(codec: CompressionCodec): Promise<boolean | string> {
  const entry = CODEC_PACKAGES[codec];
  // kafkajs pre-fills every slot with a codec that throws "not implemented"; track our own.
  if (!entry || registered.has(codec)) return true;
  let mod: unknown;
  try {
    mod = await import(entry.pkg);
  } catch (error) {
    // Installed but broken, e.g. lz4's native addon built for another Node.js version.
    const code = (error as { code?: string }).code;
    return code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND' ? false : String(error);
  }
  // kafkajs types the registry without the None slot; index it as a plain record.
  (CompressionCodecs as unknown as Record<number, unknown>)[KAFKAJS_COMPRESSION[codec]] =
    await entry.load(mod);
  registered.add(codec);
  return true;
}

/** Makes `codec` usable for producing, loading its package once; fails naming what to install. */
export async function registerCompressionCodec(codec: CompressionCodec): Promise<void> {
  const outcome = await register(codec);
  if (outcome === true) return;
  const pkg = CODEC_PACKAGES[codec]!.pkg;
  throw new InvalidKafkaOptionsError(
    'producer.compression',
    outcome === false
      ? `'${codec}' needs the package ${pkg}: npm install ${pkg}`
      : `'${codec}' needs the package ${pkg}, which is installed but fails to load (${outcome}); a native addon built for another Node.js version needs npm rebuild`,
  );
}

/**
 * Registers every codec whose package is installed, so consumers can read records that other
 * producers compressed. A record in a codec that is not installed fails the fetch with kafkajs'
 * "not implemented" error, naming the codec.
 */
export async function registerInstalledCodecs(): Promise<void> {
  await Promise.all(Object.keys(CODEC_PACKAGES).map((c) => register(c as CompressionCodec)));
}
