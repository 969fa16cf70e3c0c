/**
 * The page's entry (bundled as `main.js`). With StreamsJS configured: load StreamsJS, then compat's script file
 * (StreamsJS first, as its documentation asks), start the CCP, and put every chat StreamsJS routes on the desk.
 * Without it (the local examples server), say what the desktop needs and stop.
 */
import type { ChatSessionApi } from '@connect-chat/compat/module';
import { createAgentDesk } from './agent-desk';
import { loadDeskSettings, loadScript } from './desk-settings';
import { mountDeskView } from './desk-view';
import type { StreamsGlobal } from './streams.types';
import { wireStreams } from './streams-wiring';

type ConnectGlobal = StreamsGlobal & { ChatSession?: ChatSessionApi };

function byId(id: string): HTMLElement {
  const found = document.getElementById(id);
  if (!found) throw new Error(`the page has no #${id}`);
  return found;
}

const status = byId('desk-status');
const problems = byId('desk-error');
const reportError = (message: string) => {
  problems.textContent = message;
  problems.hidden = false;
};

async function start(): Promise<void> {
  const settings = await loadDeskSettings();
  if (!settings.streams) {
    status.textContent = 'Not started: StreamsJS is not configured';
    byId('setup-needed').hidden = false;
    return;
  }
  status.textContent = 'Loading StreamsJS…';
  await loadScript(document, settings.streams.scriptUrl);
  await loadScript(document, settings.chatScriptUrl);
  const connect = (globalThis as unknown as { connect?: ConnectGlobal }).connect;
  if (!connect?.core || !connect.ChatSession) {
    throw new Error('StreamsJS or compat did not install the connect global');
  }
  connect.core.initCCP(byId('ccp-container'), {
    ccpUrl: settings.streams.ccpUrl,
    region: settings.region,
    loginPopup: true,
    softphone: { allowFramedSoftphone: true },
  });
  const desk = createAgentDesk({
    ChatSession: connect.ChatSession,
    websocketManager: connect.core.getWebSocketManager(),
    region: settings.region,
  });
  const wiring = wireStreams({ streams: connect, desk, onError: reportError });
  mountDeskView(document, byId('chats'), desk, wiring, reportError);
  status.textContent = 'Waiting for chats';
}

start().catch((error: unknown) => {
  status.textContent = 'Not started';
  reportError(error instanceof Error ? error.message : String(error));
});
