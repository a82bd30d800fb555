import 'reflect-metadata';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Min, ValidateNested } from 'class-validator';
import * as v from 'valibot';
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { KafkaKitError } from '../errors/kafka-kit.error.js';
import { PayloadValidationError } from '../errors/payload-validation.error.js';
import { UnsupportedSchemaError } from '../errors/unsupported-schema.error.js';
import { createPayloadValidator, type PayloadSchema, type PayloadValidator } from './payload-validator.js';

const coordinates = { topic: 'orders', partition: 2, offset: '1001' };
const at = [coordinates, coordinates.offset] as const; // a record's batch and offset

class Address {
  @IsString()
  zip!: string;
}

class User {
  @IsString()
  name!: string;

  @ValidateNested()
  @Type(() => Address)
  address!: Address;
}

class Item {
  @IsInt()
  @Min(1)
  id!: number;
}

class Order {
  @ValidateNested()
  @Type(() => User)
  user!: User;

  @ValidateNested({ each: true })
  @Type(() => Item)
  items!: Item[];

  @IsOptional()
  @IsString()
  note?: string;
}

const validOrder = { user: { name: 'Ada', address: { zip: '10115' } }, items: [{ id: 1 }, { id: 2 }] };
const invalidOrder = {
  user: { name: 'Ada', address: { zip: 10115 } },
  items: [{ id: 1 }, { id: 2 }, { id: 0 }],
};

function failure<E extends Error>(type: new (...args: never[]) => E, run: () => unknown): E {
  try {
    run();
  } catch (error) {
    if (error instanceof type) return error;
    throw error;
  }
  throw new Error(`expected a ${type.name}`);
}

describe('createPayloadValidator with a class-validator DTO', () => {
  const validate = createPayloadValidator(Order);

  it('returns an instance of the class, nested objects included', () => {
    const order: Order = validate(structuredClone(validOrder), ...at);

    expect(order).toBeInstanceOf(Order);
    expect(order.user).toBeInstanceOf(User);
    expect(order.user.address).toBeInstanceOf(Address);
    expect(order.items[1]).toBeInstanceOf(Item);
    expect(order).toEqual(validOrder);
  });

  it('flattens nested and array violations into paths with constraint names', () => {
    const error = failure(PayloadValidationError, () => validate({ ...invalidOrder, note: 5 }, ...at));

    expect(error).toBeInstanceOf(KafkaKitError);
    expect(error.retryable).toBe(false);
    expect(error.coordinates).toEqual(coordinates);
    expect(error.violations).toEqual([
      { path: 'user.address.zip', constraint: 'isString', message: 'zip must be a string' },
      { path: 'items[2].id', constraint: 'min', message: 'id must not be less than 1' },
      { path: 'note', constraint: 'isString', message: 'note must be a string' },
    ]);
    expect(error.message).toContain('orders[2]@1001');
    expect(error.message).toContain('user.address.zip [isString]');
    expect(error.message).toContain('items[2].id [min]');
    expect(error.message).toContain('note [isString]');
  });

  it('reports every failed constraint of one field', () => {
    const error = failure(PayloadValidationError, () =>
      validate({ ...validOrder, items: [{ id: 'x' }] }, ...at),
    );

    expect(error.violations.map(({ path, constraint }) => `${path}:${constraint}`)).toEqual([
      'items[0].id:min',
      'items[0].id:isInt',
    ]);
  });

  it('strips undeclared properties by default', () => {
    const order = validate({ ...structuredClone(validOrder), extra: 'x' }, ...at);

    expect(order).not.toHaveProperty('extra');
  });

  it('rejects undeclared properties when asked', () => {
    const strict = createPayloadValidator(Order, { forbidNonWhitelisted: true });
    const error = failure(PayloadValidationError, () => strict({ ...validOrder, extra: 'x' }, ...at));

    expect(error.violations).toEqual([
      { path: 'extra', constraint: 'whitelistValidation', message: 'property extra should not exist' },
    ]);
  });

  it('keeps undeclared properties with whitelist off', () => {
    const lenient = createPayloadValidator(Order, { whitelist: false });
    expect(lenient({ ...validOrder, extra: 'x' }, ...at)).toHaveProperty('extra', 'x');
  });

  it.each([
    ['null (a tombstone)', null],
    ['an array', [validOrder]],
    ['a number', 42],
    ['a string', 'order'],
  ])('rejects %s as the whole payload', (_label, payload) => {
    const error = failure(PayloadValidationError, () => validate(payload, ...at));

    expect(error.violations).toEqual([{ path: '', constraint: 'isObject', message: expect.any(String) }]);
  });
});

describe('createPayloadValidator with a zod schema', () => {
  const schema = z.object({
    user: z.object({ address: z.object({ zip: z.string() }) }),
    items: z.array(z.object({ id: z.number().int().min(1) })),
  });
  const validate = createPayloadValidator(schema);

  it("returns the schema's output", () => {
    const order: z.infer<typeof schema> = validate({ ...invalidOrder, ...validOrder, extra: 1 }, ...at);

    expect(order).toEqual({ user: { address: { zip: '10115' } }, items: [{ id: 1 }, { id: 2 }] });
  });

  it('flattens issues into paths with zod codes', () => {
    const error = failure(PayloadValidationError, () => validate(invalidOrder, ...at));

    expect(error.violations).toEqual([
      { path: 'user.address.zip', constraint: 'invalid_type', message: expect.any(String) },
      { path: 'items[2].id', constraint: 'too_small', message: expect.any(String) },
    ]);
    expect(error.message).toContain('orders[2]@1001');
  });

  it('rejects an async refinement on the first record that reaches it', () => {
    const validateAsync = createPayloadValidator(z.object({ id: z.string().refine(async () => true) }));

    const error = failure(UnsupportedSchemaError, () => validateAsync({ id: 'a' }, ...at));

    expect(error.reason).toBe('async-validation');
    expect(error.subject).toBe('zod');
    expect(error.retryable).toBe(false);
  });
});

describe('createPayloadValidator with a valibot schema', () => {
  const schema = v.object({
    user: v.object({ address: v.object({ zip: v.string() }) }),
    items: v.array(v.object({ id: v.pipe(v.number(), v.integer(), v.minValue(1)) })),
  });
  const validate = createPayloadValidator(schema);

  it("returns the schema's output", () => {
    const order: v.InferOutput<typeof schema> = validate(validOrder, ...at);

    expect(order).toEqual({ user: { address: { zip: '10115' } }, items: [{ id: 1 }, { id: 2 }] });
  });

  it('flattens issues into paths with valibot types', () => {
    const error = failure(PayloadValidationError, () => validate(invalidOrder, ...at));

    expect(error.violations).toEqual([
      { path: 'user.address.zip', constraint: 'string', message: expect.any(String) },
      { path: 'items[2].id', constraint: 'min_value', message: expect.any(String) },
    ]);
  });

  it('rejects an async schema at creation', () => {
    const error = failure(UnsupportedSchemaError, () =>
      createPayloadValidator(v.objectAsync({ id: v.string() })),
    );

    expect(error.reason).toBe('async-validation');
    expect(error.message).toContain('valibot');
  });
});

describe('createPayloadValidator with an async Standard Schema', () => {
  it('swallows the abandoned promise so it cannot become an unhandled rejection', async () => {
    const onUnhandled = vi.fn();
    process.on('unhandledRejection', onUnhandled);
    const rejecting = {
      '~standard': {
        version: 1,
        vendor: 'remote',
        validate: () => Promise.reject(new Error('lookup failed')),
      },
    } as const;
    try {
      const validate = createPayloadValidator(rejecting as unknown as PayloadSchema);

      expect(failure(UnsupportedSchemaError, () => validate({}, ...at)).subject).toBe('remote');
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(onUnhandled).not.toHaveBeenCalled();
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});

describe('createPayloadValidator schema detection', () => {
  it('treats a callable Standard Schema as a schema, not a class', () => {
    const callable = Object.assign(function schema() {}, {
      '~standard': { version: 1, vendor: 'callable', validate: (value: unknown) => ({ value }) },
    });
    const validate: PayloadValidator = createPayloadValidator(callable as unknown as PayloadSchema);

    expect(validate('anything', ...at)).toBe('anything');
  });

  it.each([
    ['null', null],
    ['a plain object', { parse: () => undefined }],
    ['an arrow function', () => ({})],
    ['a future Standard Schema version', { '~standard': { version: 2, vendor: 'x', validate: () => ({}) } }],
  ])('rejects %s at creation', (_label, schema) => {
    const error = failure(UnsupportedSchemaError, () =>
      createPayloadValidator(schema as unknown as PayloadSchema),
    );

    expect(error.reason).toBe('not-a-schema');
    expect(error.retryable).toBe(false);
  });
});
