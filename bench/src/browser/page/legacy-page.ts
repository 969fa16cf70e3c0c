/**
 * The page for the `window.connect.ChatSession` API, shared by amazon-connect-chatjs and `@connect-chat/compat`
 * (whichever script the page loaded first), as ChatJS's README writes a customer app.
 */
import { installBenchPage } from './bench-page';
import type { PageChatDetails } from './page-api';

/** The part of ChatJS's global API the page uses. */
interface LegacyChatSession {
  connect(): Promise<unknown>;
  onConnectionEstablished(callback: () => void): void;
  onMessage(callback: (event: { data?: { Type?: string; Content?: string } }) => void): void;
}

interface LegacyGlobal {
  connect: {
    ChatSession: {
      setGlobalConfig(config: Record<string, unknown>): void;
      create(args: {
        chatDetails: PageChatDetails;
        type: 'CUSTOMER';
        options: { region: string };
        disableCSM: boolean;
      }): LegacyChatSession;
    };
  };
}

const region = 'us-west-2';
let configuredEndpoint: string | undefined;

installBenchPage(
  document.documentElement.dataset.library === 'compat' ? 'compat' : 'chatjs',
  (endpoint, chat, hooks) => {
    const { ChatSession } = (globalThis as unknown as LegacyGlobal).connect;
    if (configuredEndpoint !== endpoint) {
      ChatSession.setGlobalConfig({ region, endpoint });
      configuredEndpoint = endpoint;
    }
    const session = ChatSession.create({
      chatDetails: chat,
      type: 'CUSTOMER',
      options: { region },
      disableCSM: true,
    });
    session.onConnectionEstablished(() => hooks.connected());
    session.onMessage((event) => hooks.message(event.data));
    return { connect: () => session.connect() };
  },
);
