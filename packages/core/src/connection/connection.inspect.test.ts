// @statelyai/inspect works with a connection. Its browser, WebSocket and Sky inspectors need a window or a server,
// so the test builds the inspector the same way they do, `createInspector(adapter)`, over an adapter that records
// what would have been shipped. The inspector defers each event with `setTimeout(0)` in Node: fake timers flush it.
import { createInspector, type StatelyInspectionEvent } from '@statelyai/inspect';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { harness, managedHarness } from './connection.harness.test-support';

function recordingInspector() {
  const shipped: StatelyInspectionEvent[] = [];
  const inspector = createInspector({ send: (event) => shipped.push(event) });
  const flushed = (): StatelyInspectionEvent[] => {
    vi.runOnlyPendingTimers();
    return shipped;
  };
  return { inspector, flushed };
}

const eventTypes = (shipped: StatelyInspectionEvent[]) =>
  shipped.flatMap((event) => (event.type === '@xstate.event' ? [event.event.type] : []));

const stateValueOf = (event: StatelyInspectionEvent): unknown =>
  'snapshot' in event ? (event.snapshot as { value?: unknown }).value : undefined;

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('@statelyai/inspect', () => {
  it('INS-01 the inspector sees the actors, events and snapshots of an own-socket connection', async () => {
    const { inspector, flushed } = recordingInspector();
    const h = harness({ inspect: inspector.inspect });
    await h.establish();
    const shipped = flushed();
    const actors = shipped.flatMap((event) => (event.type === '@xstate.actor' ? [event.name] : []));
    expect(actors).toEqual(
      expect.arrayContaining(['connection', 'platform', 'socket', 'fetchSocket', 'heartbeat']),
    );
    expect(eventTypes(shipped)).toEqual(
      expect.arrayContaining([
        'session.connect',
        'xstate.done.actor.fetchSocket',
        'socket.opened',
        'socket.subscribed',
      ]),
    );
    const root = shipped.find((event) => event.type === '@xstate.actor' && event.name === 'connection');
    const states = shipped.flatMap((event) =>
      event.type === '@xstate.snapshot' && event.sessionId === root?.sessionId ? [stateValueOf(event)] : [],
    );
    expect(states[0]).toBe('idle');
    expect(states.at(-1)).toMatchObject({ active: { connected: expect.any(Object) } });
  });

  it('INS-02 nothing it ships carries a token or a socket URL, not even the input of xstate.init', async () => {
    const { inspector, flushed } = recordingInspector();
    const h = harness({ inspect: inspector.inspect });
    await h.establish();
    h.answerBeat();
    const shipped = flushed();
    const init = shipped.find(
      (event) => event.type === '@xstate.event' && event.event.type === 'xstate.init',
    );
    expect(init).toMatchObject({ event: { type: 'xstate.init', input: '[connection input]' } });
    const root = [...shipped]
      .reverse()
      .find((event) => event.type === '@xstate.snapshot' && stateValueOf(event));
    expect(root && 'snapshot' in root ? root.snapshot : undefined).toMatchObject({
      context: { connectionToken: '[redacted]', socketUrl: '[redacted]' },
    });
    // Both shapes the shipped adapters produce: plain objects (custom adapters) and JSON (browser, WebSocket).
    const inspectable = JSON.stringify(shipped, (_, value) =>
      typeof value === 'function' ? undefined : value,
    );
    expect(inspectable).not.toMatch(/participant-secret|connection-token-1/);
    expect(JSON.stringify(init)).not.toMatch(/url-secret/);
  });

  it('INS-03 the inspector follows a managed (agent) connection through a loss and a regain', async () => {
    const { inspector, flushed } = recordingInspector();
    const h = managedHarness({ inspect: inspector.inspect });
    h.managedSocket.gain();
    await h.connection.connect();
    h.managedSocket.lose();
    h.managedSocket.gain();
    const shipped = flushed();
    expect(eventTypes(shipped)).toEqual(
      expect.arrayContaining([
        'session.connect',
        'managed.connectionGained',
        'xstate.done.actor.fetchToken',
        'managed.connectionLost',
      ]),
    );
    const values = shipped.flatMap((event) =>
      event.type === '@xstate.snapshot' ? [stateValueOf(event)] : [],
    );
    expect(values).toContainEqual(
      expect.objectContaining({
        managed: expect.objectContaining({ linked: expect.objectContaining({ link: 'reconnecting' }) }),
      }),
    );
    expect(JSON.stringify(shipped)).not.toMatch(/participant-secret|agent-token/);
  });
});
