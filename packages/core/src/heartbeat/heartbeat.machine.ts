/** The heartbeat machine: see `heartbeat.types.ts`. */
import { not, setup } from 'xstate';
import type { HeartbeatContext, HeartbeatEvent, HeartbeatInput, HeartbeatReport } from './heartbeat.types';

const heartbeatSetup = setup({
  types: {
    context: {} as HeartbeatContext,
    events: {} as HeartbeatEvent,
    input: {} as HeartbeatInput,
  },
  guards: {
    heartbeatUnanswered: ({ context }) => context.awaitingHeartbeat,
    pingUnanswered: ({ context }) => context.awaitingPing,
  },
  delays: {
    heartbeatInterval: ({ context }) => context.intervalMs,
  },
});

const { assign, enqueueActions } = heartbeatSetup;

const report = (event: HeartbeatReport) =>
  enqueueActions(({ enqueue }) => {
    enqueue.sendParent(event);
  });

/** Sends a heartbeat pair every interval and declares the socket dead when a heartbeat goes unanswered. */
export const heartbeatMachine = heartbeatSetup
  .extend({
    actions: {
      requestBeat: report({ type: 'heartbeat.beatDue' }),
      markAwaiting: assign({ awaitingHeartbeat: true, awaitingPing: true }),
      recordHeartbeatAnswer: assign({ awaitingHeartbeat: false }),
      recordPingAnswer: assign({ awaitingPing: false }),
      reportPing: enqueueActions(({ event, enqueue }) => {
        if (event.type !== 'ping.answered') return;
        enqueue.sendParent(
          (event.statusCode === 200
            ? { type: 'heartbeat.deepSucceeded' }
            : {
                type: 'heartbeat.deepFailed',
                failure: {
                  reason: 'status',
                  statusCode: event.statusCode,
                  statusContent: event.statusContent,
                },
              }) satisfies HeartbeatReport,
        );
      }),
      reportUnansweredPing: enqueueActions(({ context, enqueue }) => {
        if (!context.awaitingPing) return;
        enqueue.sendParent({
          type: 'heartbeat.deepFailed',
          failure: { reason: 'noAnswer' },
        } satisfies HeartbeatReport);
      }),
      reportTimeout: report({ type: 'heartbeat.timedOut' }),
    },
  })
  .createMachine({
    id: 'heartbeat',
    context: ({ input }) => ({ intervalMs: input.intervalMs, awaitingHeartbeat: false, awaitingPing: false }),
    initial: 'beating',
    states: {
      beating: {
        entry: ['markAwaiting', 'requestBeat'],
        on: {
          'heartbeat.answered': { actions: 'recordHeartbeatAnswer' },
          'ping.answered': { guard: 'pingUnanswered', actions: ['recordPingAnswer', 'reportPing'] },
          'heartbeat.probe': { guard: not('heartbeatUnanswered'), target: 'beating', reenter: true },
          'heartbeat.socketReplaced': { target: 'beating', reenter: true },
        },
        after: {
          heartbeatInterval: [
            { guard: 'heartbeatUnanswered', target: 'timedOut' },
            { target: 'beating', reenter: true, actions: 'reportUnansweredPing' },
          ],
        },
      },
      timedOut: {
        type: 'final',
        entry: ['reportUnansweredPing', 'reportTimeout'],
      },
    },
  });
