import { BadRequestException } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { ClickDto } from './click.dto.js';

/** How many clicks one POST /clicks may carry. */
export const MAX_CLICKS_PER_REQUEST = 500;

/** One problem of the body: where (`page`, or `[3].userId` in an array) and what is wrong. */
export interface FieldError {
  field: string;
  problems: string[];
}

async function fieldErrors(value: unknown, prefix: string): Promise<FieldError[]> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return [{ field: prefix || '(body)', problems: ['must be a click object {"userId","page"}'] }];
  const errors = await validate(plainToInstance(ClickDto, value), {
    whitelist: true,
    forbidNonWhitelisted: true,
  });
  return errors.map((e) => ({
    field: prefix ? `${prefix}.${e.property}` : e.property,
    problems: Object.values(e.constraints ?? {}),
  }));
}

/**
 * The body of POST /clicks, one click or an array of 1..500, as validated clicks; anything else
 * is a 400 that lists every field error (with its index in an array) at once.
 */
export async function parseClicks(body: unknown): Promise<{ clicks: ClickDto[]; many: boolean }> {
  const many = Array.isArray(body);
  const items: unknown[] = many ? body : [body];
  if (many && (items.length === 0 || items.length > MAX_CLICKS_PER_REQUEST))
    throw new BadRequestException({
      statusCode: 400,
      message: `an array of 1 to ${MAX_CLICKS_PER_REQUEST} clicks, got ${items.length}`,
    });
  const errors = (await Promise.all(items.map((item, i) => fieldErrors(item, many ? `[${i}]` : '')))).flat();
  if (errors.length > 0) throw new BadRequestException({ statusCode: 400, message: 'invalid click', errors });
  return { clicks: items.map((item) => plainToInstance(ClickDto, item)), many };
}
