import type { ValidationError } from 'class-validator';
import type { PayloadViolation } from '../errors/payload-violation.js';
import { formatViolationPath } from './violation-path.js';

function collect(
  errors: readonly ValidationError[],
  parentPath: readonly PropertyKey[],
  parentIsArray: boolean,
  out: PayloadViolation[],
): void {
  for (const error of errors) {
    // class-validator names array elements '0', '1', ...; only the parent's value says they are
    // indexes. The root `unknownValue` error has no property at all.
    const path = error.property
      ? [...parentPath, parentIsArray ? Number(error.property) : error.property]
      : parentPath;
    for (const [constraint, message] of Object.entries(error.constraints ?? {})) {
      out.push({ path: formatViolationPath(path), constraint, message });
    }
    if (error.children?.length) collect(error.children, path, Array.isArray(error.value), out);
  }
}

/** class-validator's error tree as one flat list, one entry per failed constraint. */
export function flattenValidationErrors(errors: readonly ValidationError[]): PayloadViolation[] {
  const violations: PayloadViolation[] = [];
  collect(errors, [], false, violations);
  return violations;
}
