import { describe, expect, it } from 'vitest';
import { createTypedEmitter } from './typed-emitter';

interface Events {
  ping: { n: number };
  pong: string;
}

describe('typed emitter', () => {
  it('EMIT-01 dispatches in order to the listeners of one type; unsubscribing stops delivery', () => {
    const emitter = createTypedEmitter<Events>();
    const seen: string[] = [];
    const stop = emitter.on('ping', ({ n }) => seen.push(`a${n}`));
    emitter.on('ping', ({ n }) => seen.push(`b${n}`));
    emitter.on('pong', (text) => seen.push(text));
    emitter.emit('ping', { n: 1 });
    stop();
    emitter.emit('ping', { n: 2 });
    emitter.emit('pong', 'p');
    expect(seen).toEqual(['a1', 'b1', 'b2', 'p']);
    expect(emitter.has('ping')).toBe(true);
  });

  it('EMIT-02 a throwing listener is reported and the others still run, when a handler is given', () => {
    const errors: unknown[] = [];
    const emitter = createTypedEmitter<Events>((type, error) =>
      errors.push([type, (error as Error).message]),
    );
    const seen: number[] = [];
    emitter.on('ping', () => {
      throw new Error('boom');
    });
    emitter.on('ping', ({ n }) => seen.push(n));
    emitter.emit('ping', { n: 3 });
    expect(seen).toEqual([3]);
    expect(errors).toEqual([['ping', 'boom']]);
    const strict = createTypedEmitter<Events>();
    strict.on('pong', () => {
      throw new Error('loud');
    });
    expect(() => strict.emit('pong', 'x')).toThrow('loud');
  });

  it('EMIT-03 a listener removed during dispatch still gets the event being dispatched, and no later ones', () => {
    const emitter = createTypedEmitter<Events>();
    const seen: string[] = [];
    let stopSecond = (): void => undefined;
    emitter.on('pong', (text) => {
      seen.push(`first ${text}`);
      stopSecond();
    });
    stopSecond = emitter.on('pong', (text) => seen.push(`second ${text}`));
    emitter.emit('pong', '1');
    emitter.emit('pong', '2');
    expect(seen).toEqual(['first 1', 'second 1', 'first 2']);
    expect(emitter.has('ping')).toBe(false);
  });

  it('EMIT-04 a listener added during dispatch gets only later events; one added twice is called once', () => {
    const emitter = createTypedEmitter<Events>();
    const seen: string[] = [];
    const late = (text: string) => seen.push(`late ${text}`);
    emitter.on('pong', (text) => {
      seen.push(`first ${text}`);
      emitter.on('pong', late);
    });
    emitter.emit('pong', '1');
    emitter.emit('pong', '2');
    expect(seen).toEqual(['first 1', 'first 2', 'late 2']);
    const twice = createTypedEmitter<Events>();
    const calls: number[] = [];
    const listener = ({ n }: { n: number }) => calls.push(n);
    twice.on('ping', listener);
    const stop = twice.on('ping', listener);
    twice.emit('ping', { n: 1 });
    stop();
    twice.emit('ping', { n: 2 });
    expect(calls).toEqual([1]);
    expect(twice.has('ping')).toBe(false);
  });
});
