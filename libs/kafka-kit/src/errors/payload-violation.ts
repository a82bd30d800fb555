/** One failed constraint of a payload, flattened from whatever validator found it. */
export interface PayloadViolation {
  /**
   * Where in the payload: `user.address.zip`, `items[2].id`, `["odd-key"]`; empty for the
   * payload as a whole.
   */
  readonly path: string;
  /** The validator's name for the rule: `isString`, `min` (class-validator), `too_small` (zod). */
  readonly constraint: string;
  /** The validator's message for the violation. */
  readonly message: string;
}
