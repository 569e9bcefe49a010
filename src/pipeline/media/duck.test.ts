import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { duckGains, planDucking } from './duck.js';

const RATE = 1_000; // one frame per millisecond keeps the numbers readable

describe('the ducking envelope', () => {
  const plan = planDucking([{ startMs: 2_000, endMs: 3_000 }]);

  test('−12 dB from start to end, unity a ramp away, a smooth fade between', () => {
    const gains = duckGains(plan, 0, 5_000, RATE);
    const db = (gain: number) => 20 * Math.log10(gain);
    assert.ok(Math.abs(db(gains[2_000]!) + 12) < 0.01);
    assert.ok(Math.abs(db(gains[2_999]!) + 12) < 0.01);
    assert.equal(gains[1_600], 1);
    assert.equal(gains[1_599], 1);
    assert.equal(gains[3_400], 1);
    for (let frame = 1_601; frame <= 2_000; frame++) assert.ok(gains[frame]! <= gains[frame - 1]!, `fade down at ${frame}`);
    for (let frame = 3_001; frame <= 3_400; frame++) assert.ok(gains[frame]! >= gains[frame - 1]!, `fade up at ${frame}`);
    assert.ok(gains[1_800]! < 1 && gains[1_800]! > plan.gain);
  });

  test('chunks agree with one whole pass', () => {
    const whole = duckGains(plan, 0, 5_000, RATE);
    const pieces = [duckGains(plan, 0, 1_777, RATE), duckGains(plan, 1_777, 1_500, RATE), duckGains(plan, 3_277, 1_723, RATE)];
    assert.deepEqual(Float32Array.from(pieces.flatMap((piece) => [...piece])), whole);
  });

  test('segments closer than the merge gap stay ducked across it; farther ones come back up', () => {
    const close = planDucking([{ startMs: 1_000, endMs: 2_000 }, { startMs: 2_800, endMs: 3_500 }]);
    assert.equal(close.spans.length, 1);
    assert.ok(Math.abs(duckGains(close, 2_400, 1, RATE)[0]! - close.gain) < 1e-6);
    const apart = planDucking([{ startMs: 1_000, endMs: 2_000 }, { startMs: 4_000, endMs: 5_000 }]);
    assert.equal(apart.spans.length, 2);
    assert.equal(duckGains(apart, 3_000, 1, RATE)[0], 1);
  });

  test('DUB_DUCK_DB and the ramp are configurable within their ranges', () => {
    const deep = planDucking([{ startMs: 1_000, endMs: 2_000 }], { duckDb: -20, rampMs: 300 });
    assert.ok(Math.abs(20 * Math.log10(duckGains(deep, 1_500, 1, RATE)[0]!) + 20) < 0.01);
    assert.equal(duckGains(deep, 699, 1, RATE)[0], 1);
    assert.throws(() => planDucking([], { rampMs: 100 }), RangeError);
    assert.throws(() => planDucking([], { duckDb: 6 }), RangeError);
  });
});
