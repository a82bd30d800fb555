import kafkajs from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { decodeMemberAssignment } from './member-assignment.js';

const { AssignerProtocol } = kafkajs;

describe('decodeMemberAssignment', () => {
  it('reads the topics and partitions kafkajs encodes, user data aside', () => {
    const bytes = AssignerProtocol.MemberAssignment.encode({
      version: 1,
      assignment: { orders: [0, 2], 'clicks.retry.1': [5] },
      userData: Buffer.from('sticky'),
    });
    expect(decodeMemberAssignment(bytes)).toEqual({ orders: [0, 2], 'clicks.retry.1': [5] });
  });

  it('reads a Java consumer’s version 3 assignment, whose user data is null', () => {
    // int16 version 3, one topic "t" with partitions [1], user data length -1.
    const bytes = Buffer.from([0, 3, 0, 0, 0, 1, 0, 1, 0x74, 0, 0, 0, 1, 0, 0, 0, 1, 0xff, 0xff, 0xff, 0xff]);
    expect(decodeMemberAssignment(bytes)).toEqual({ t: [1] });
  });

  it('gives null for no bytes, truncated bytes, and bytes of another format', () => {
    expect(decodeMemberAssignment(Buffer.alloc(0))).toBeNull();
    expect(decodeMemberAssignment(null)).toBeNull();
    const bytes = AssignerProtocol.MemberAssignment.encode({
      version: 0,
      assignment: { orders: [0, 1] },
      userData: Buffer.alloc(0),
    });
    expect(decodeMemberAssignment(bytes.subarray(0, bytes.length - 6))).toBeNull();
    expect(decodeMemberAssignment(Buffer.from('{"connect":"worker-1"}'))).toBeNull();
  });
});
