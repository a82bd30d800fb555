import type { PipeTransform, Type } from '@nestjs/common';

export type Pipe = Type<PipeTransform> | PipeTransform;

/** Parameter metadata as Nest's ExternalContextCreator reads it: `${type}:${index}` -> where and how. */
export type ParamMetadata = Record<string, { index: number; data: string | undefined; pipes: Pipe[] }>;

/**
 * Adds one parameter to a method's metadata. Nest has the same helper, but only behind
 * `@nestjs/common/internal`, which is not part of its public API.
 */
export function withParam(
  params: ParamMetadata,
  type: number,
  index: number,
  data: string | undefined,
  pipes: Pipe[],
): ParamMetadata {
  return { ...params, [`${type}:${index}`]: { index, data, pipes } };
}
