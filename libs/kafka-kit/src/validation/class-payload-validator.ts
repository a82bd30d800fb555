import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validateSync, type ValidatorOptions } from 'class-validator';
import { PayloadValidationError } from '../errors/payload-validation.error.js';
import { coordinatesOf, type RecordSource } from '../errors/record-coordinates.js';
import { flattenValidationErrors } from './flatten-validation-errors.js';
import type { PayloadClass } from './payload-schema.js';
import { payloadMustBeObject, payloadTooDeep } from './validation.messages.js';

/** Runs a DTO class's decorators on each payload; returns the validated instance. */
export function createClassPayloadValidator<T extends object>(
  dto: PayloadClass<T>,
  options: Pick<ValidatorOptions, 'whitelist' | 'forbidNonWhitelisted'>,
): (payload: unknown, source: RecordSource, offset: string) => T {
  // Built once: the per-record path only transforms and validates.
  const validatorOptions: ValidatorOptions = {
    ...options,
    forbidUnknownValues: true,
    // The values let array indexes be told apart from keys; the target would only pin memory.
    validationError: { target: false, value: true },
  };
  // Same constructor, typed the way class-transformer wants it (`any[]` arguments).
  const target = dto as ClassConstructor<T>;
  const notAnObject = Object.freeze([{ path: '', constraint: 'isObject', message: payloadMustBeObject() }]);
  const tooDeep = Object.freeze([{ path: '', constraint: 'maxDepth', message: payloadTooDeep() }]);

  return (payload, source, offset) => {
    // class-transformer maps arrays element-wise and class-validator crashes on null, so
    // anything but a plain JSON object is rejected here.
    if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
      throw new PayloadValidationError(coordinatesOf(source, offset), notAnObject);
    }
    let instance: T;
    let errors: ReturnType<typeof validateSync>;
    try {
      instance = plainToInstance(target, payload as Record<string, unknown>);
      errors = validateSync(instance, validatorOptions);
    } catch (cause) {
      // class-transformer and class-validator recurse: JSON nested some thousands deep (which
      // JSON.parse accepts) overflows the stack. That is bad input, not a handler failure.
      if (cause instanceof RangeError)
        throw new PayloadValidationError(coordinatesOf(source, offset), tooDeep, { cause });
      throw cause;
    }
    if (errors.length > 0)
      throw new PayloadValidationError(coordinatesOf(source, offset), flattenValidationErrors(errors));
    return instance;
  };
}
