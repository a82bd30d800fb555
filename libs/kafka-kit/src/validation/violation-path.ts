const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/**
 * Renders a path the way a developer would write the accessor: `user.address.zip`,
 * `items[2].id`, `labels["x-trace"]`. Numbers are indexes; other keys that are not identifiers
 * are quoted so the path stays unambiguous.
 */
export function formatViolationPath(segments: readonly PropertyKey[]): string {
  let path = '';
  for (const segment of segments) {
    if (typeof segment === 'number') path += `[${segment}]`;
    else if (typeof segment === 'symbol') path += `[${String(segment)}]`;
    else if (IDENTIFIER.test(segment)) path += path === '' ? segment : `.${segment}`;
    else path += `[${JSON.stringify(segment)}]`;
  }
  return path;
}
