import { describe, expect, it } from 'vitest';
import { nodeVersionProblem } from './load-platformatic.js';

describe('nodeVersionProblem', () => {
  it('accepts the Node.js versions @platformatic/kafka supports', () => {
    for (const v of ['v22.22.0', 'v22.30.1', 'v24.6.0', 'v24.22.3', 'v25.0.0'])
      expect(nodeVersionProblem(v)).toBeUndefined();
  });

  it('names the version it refuses and what to do', () => {
    for (const v of ['v20.19.0', 'v22.21.9', 'v23.11.0', 'v24.5.0']) {
      expect(nodeVersionProblem(v)).toContain(`this is Node.js ${v}`);
      expect(nodeVersionProblem(v)).toContain('>= 22.22 or >= 24.6');
    }
  });
});
