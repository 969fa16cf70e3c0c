/**
 * The connection machine: see `connection.types.ts` for the states, events and reasons. Its two modes live in
 * their own files: `connection.active.states.ts` (own socket) and `connection.managed.states.ts` (managed socket).
 */
import { connectionActions, freshSession } from './connection.actions';
import { activeState } from './connection.active.states';
import { managedState } from './connection.managed.states';
import { connectionSetup } from './connection.setup';
import {
  type ConnectionContext,
  type ConnectionDependencies,
  type ConnectionInput,
  defaultConnectionDelays,
} from './connection.types';
import { reconnectDelay } from './reconnect-delay';
import { Secret } from './secret';

const dependenciesOf = (input: ConnectionInput): ConnectionDependencies => {
  const deps: ConnectionDependencies = {
    participantApi: input.participantApi,
    sockets: input.sockets,
    managedSocket: input.managedSocket,
    credentials: {
      participantToken: input.credentials.participantToken
        ? new Secret(input.credentials.participantToken)
        : undefined,
      getConnectionToken: input.credentials.getConnectionToken,
    },
    platform: input.platform,
    reconnectDelay: input.reconnectDelay ?? ((attempt) => reconnectDelay(attempt)),
    retryFirstConnect: input.retryFirstConnect !== false,
    now: input.now ?? (() => Date.now()),
    deliverItem: input.deliverItem,
  };
  // Inspectors and loggers serialise context; the collaborators hold nothing they should see.
  Object.defineProperty(deps, 'toJSON', { value: () => '[dependencies]', enumerable: false });
  return deps;
};

const initialContext = (input: ConnectionInput): ConnectionContext => ({
  ...freshSession(),
  deps: dependenciesOf(input),
  mode: input.managedSocket ? 'managedSocket' : 'ownSocket',
  delays: { ...defaultConnectionDelays, ...input.delays },
});

const startSession = [
  { guard: 'isManaged', target: 'managed', actions: 'beginSession' },
  { target: 'active', actions: 'beginSession' },
] as const;

/** The lifecycle of one participant's real-time connection. */
export const connectionMachine = connectionSetup.extend({ actions: connectionActions }).createMachine({
  id: 'connection',
  context: ({ input }) => initialContext(input),
  invoke: {
    id: 'platform',
    src: 'platformSignals',
    input: ({ context }) => ({ platform: context.deps.platform }),
  },
  on: {
    'network.online': { actions: 'trackSignal' },
    'network.offline': { actions: 'trackSignal' },
    'page.visible': { actions: 'trackSignal' },
    'page.hidden': { actions: 'trackSignal' },
    'page.frozen': { actions: 'trackSignal' },
    'page.resumed': { actions: 'trackSignal' },
  },
  initial: 'idle',
  states: {
    idle: { on: { 'session.connect': startSession } },
    active: activeState,
    managed: managedState,
    ended: { type: 'final' },
    failed: { on: { 'session.connect': startSession } },
  },
});
