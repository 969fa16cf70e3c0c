// Watching a session: the transition log (text, one line per state change), the Stately inspector, and the
// diagnostics snapshot for bug reports. None of them ever sees a token or a presigned URL.

import {
  type ChatSessionOptions,
  combineInspectors,
  createChatSession,
  createTransitionLog,
} from '@connect-chat/core';
import { createBrowserInspector } from '@statelyai/inspect';

declare const options: ChatSessionOptions; // the options of any example on these pages

// One line per transition of every machine the session runs, e.g.
// +0.473s customer connection: active.connected.{token.valid, rotation.waiting} -> active.reconnecting.waiting on socket.closed (after 44 ms)
const log = createTransitionLog({ write: (line) => console.log(line), label: 'customer' });

// The Stately inspector opens a window that draws the machines as they move (development only).
const stately = createBrowserInspector();

const session = createChatSession({ ...options, inspect: combineInspectors(log.inspect, stately.inspect) });

// A snapshot for a bug report: states, reconnect count, last heartbeat, versions.
document.querySelector('#report-problem')?.addEventListener('click', () => {
  const report = { diagnostics: session.diagnostics(), recentTransitions: log.lines().slice(-50) };
  void navigator.clipboard.writeText(JSON.stringify(report, null, 2));
});

export { session };
