import { describe, expect, it } from 'vitest';
import { formatViolationPath } from './violation-path.js';

describe('formatViolationPath', () => {
  it.each([
    [[], ''],
    [['user', 'address', 'zip'], 'user.address.zip'],
    [['items', 2, 'id'], 'items[2].id'],
    [[0, 'id'], '[0].id'],
    [['matrix', 1, 0], 'matrix[1][0]'],
    [['labels', 'x-trace'], 'labels["x-trace"]'],
    [['$meta', '_v2'], '$meta._v2'],
    [['tags', Symbol('k')], 'tags[Symbol(k)]'],
  ] as const)('renders %j as %j', (segments, expected) => {
    expect(formatViolationPath(segments)).toBe(expected);
  });
});
