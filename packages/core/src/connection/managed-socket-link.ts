/**
 * The managed-socket link: in managed mode, the one actor that touches the socket someone else owns (StreamsJS's
 * manager in an agent desktop). It listens, asks for `aws/chat`, and turns what the manager reports into machine
 * events. Stopping it stops listening; the manager itself keeps running, because it belongs to its owner.
 */
import { type AnyEventObject, fromCallback } from 'xstate';
import type { DeepHeartbeatFailure } from '../heartbeat/heartbeat.types';
import type { ManagedSocket, ManagedSocketEvent } from '../socket/managed-socket.types';
import type { ManagedLinkReport } from './connection.types';

/** Input of the managed-socket link. */
export interface ManagedSocketLinkInput {
  managedSocket: ManagedSocket | undefined;
}

/** The topics a connection asks the manager for. */
export const managedTopics: readonly string[] = ['aws/chat'];

/** What one manager event means to the connection machine, if anything. */
export function managedLinkReportOf(event: ManagedSocketEvent): ManagedLinkReport | undefined {
  switch (event.type) {
    case 'managed.connectionGained':
      return { type: 'managed.connectionGained' };
    case 'managed.connectionLost':
      return { type: 'managed.connectionLost', code: event.code };
    case 'managed.initFailed':
      return { type: 'managed.initFailed', reason: event.reason };
    case 'managed.frameReceived':
      return event.frame.kind === 'chat'
        ? { type: 'managed.itemReceived', item: event.frame.item }
        : undefined;
    case 'managed.deepHeartbeatSucceeded':
      return { type: 'managed.deepHeartbeatSucceeded' };
    case 'managed.deepHeartbeatFailed': {
      const failure: DeepHeartbeatFailure =
        event.statusCode === undefined
          ? { reason: 'noAnswer' }
          : { reason: 'status', statusCode: event.statusCode, statusContent: event.statusContent };
      return { type: 'managed.deepHeartbeatFailed', failure };
    }
    default:
      // Undecodable frames carry nothing the machine can act on; subscription answers are the manager's business.
      return undefined;
  }
}

/** The managed-socket link actor (see the module comment). */
export const managedSocketLink = fromCallback<AnyEventObject, ManagedSocketLinkInput>(
  ({ input, sendBack }) => {
    const socket = input.managedSocket;
    if (!socket) return undefined;
    // Listening first: the manager replays its state at once, and no frame of the new topic can slip past.
    const stop = socket.listen((event) => {
      const report = managedLinkReportOf(event);
      if (report) sendBack(report);
    });
    socket.subscribe([...managedTopics]);
    return stop;
  },
);
