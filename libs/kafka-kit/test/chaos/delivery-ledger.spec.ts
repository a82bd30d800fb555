import { describe, expect, it } from 'vitest';
import { DeliveryLedger, recordId, type Delivery } from './delivery-ledger.js';

const at = (t: number, partition: number, offset: number, id: string, instance = 0): Delivery => ({
  at: t,
  instance,
  partition,
  offset: String(offset),
  id,
});

describe('DeliveryLedger', () => {
  it('tells a redelivered position from a second copy of an id in the log', () => {
    const ledger = new DeliveryLedger();
    ledger.add(at(1, 0, 0, 'k/0'));
    ledger.add(at(2, 0, 0, 'k/0')); // the same position again: the consumer redelivered it
    ledger.add(at(3, 0, 1, 'k/0')); // another position: the producer wrote it twice
    expect(ledger.duplicateTimes).toEqual([2]);
    expect(ledger.producerDuplicates).toEqual(['k/0']);
    expect(ledger.unique).toBe(1);
    expect(ledger.firstDelivered(0)).toBe(2);
    expect(ledger.missing(['k/0', 'k/1'])).toEqual(['k/1']);
  });

  it('reports a first delivery that overtook an earlier record of its key', () => {
    const ledger = new DeliveryLedger();
    ledger.add(at(1, 0, 0, recordId('a', 0)));
    ledger.add(at(2, 1, 0, recordId('b', 0)));
    ledger.add(at(3, 0, 2, recordId('a', 2)));
    ledger.add(at(4, 0, 1, recordId('a', 1)));
    ledger.add(at(5, 0, 2, recordId('a', 2))); // a repeat is not a first delivery
    expect(ledger.orderViolations).toEqual(['a/1 first delivered after a/2']);
  });

  it('counts repeats in a time window and rates per instance', () => {
    const ledger = new DeliveryLedger();
    for (let i = 0; i < 10; i++) ledger.add(at(100 * i, 0, i, `k/${i}`, 1));
    ledger.add(at(1000, 0, 3, 'k/3', 2));
    ledger.add(at(1500, 0, 4, 'k/4', 2));
    expect(ledger.duplicatesBetween(1000, 1500)).toBe(1);
    expect(ledger.duplicatesBetween(0, 2000)).toBe(2);
    // Instance 1 delivered at 600..900 in the half second up to 1000: 4 records, 8 a second.
    expect(ledger.rateOf(1, 1000, 500)).toBe(8);
    expect(ledger.rateOf(1, 1000, 1000)).toBe(9);
    expect(ledger.rateOf(2, 2000, 1000)).toBe(1);
  });

  it('counts first deliveries of every partition in a time window, repeats left out', () => {
    const ledger = new DeliveryLedger();
    ledger.add(at(10, 0, 0, 'a/0'));
    ledger.add(at(20, 1, 0, 'b/0'));
    ledger.add(at(30, 0, 0, 'a/0')); // a repeat
    ledger.add(at(40, 1, 1, 'b/1'));
    ledger.add(at(50, 0, 1, 'a/1'));
    expect(ledger.firstDeliveriesBetween(20, 50)).toBe(2);
    expect(ledger.firstDeliveriesBetween(0, 100)).toBe(4);
  });

  it('says when every given partition first-delivered something after a time', () => {
    const ledger = new DeliveryLedger();
    ledger.add(at(10, 0, 0, 'a/0'));
    ledger.add(at(20, 1, 0, 'b/0'));
    expect(ledger.progressedEverywhere([0, 1], 15)).toBeUndefined();
    ledger.add(at(30, 0, 0, 'a/0')); // a repeat is no progress
    expect(ledger.progressedEverywhere([0, 1], 15)).toBeUndefined();
    ledger.add(at(40, 0, 1, 'a/1'));
    expect(ledger.progressedEverywhere([0, 1], 15)).toBe(40);
  });
});
