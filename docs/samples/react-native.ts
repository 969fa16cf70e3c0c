// React Native: the same packages, with the platform signals from NetInfo and AppState and a UUID source for
// idempotency tokens (Hermes has no crypto.randomUUID).

import { createChatSessionApi } from '@connect-chat/compat/module';
import { type ConnectionPlatform, createChatSession } from '@connect-chat/core';
import { createFetchParticipantApi, createWebSocketFactory } from '@connect-chat/transport';

// The parts of @react-native-community/netinfo, react-native and a UUID library this sample uses (declared here
// so the sample compiles without them installed).
interface NetInfoState {
  isConnected: boolean | null;
}
declare const NetInfo: { addEventListener(listener: (state: NetInfoState) => void): () => void };
declare const AppState: {
  currentState: string;
  addEventListener(type: 'change', listener: (state: string) => void): { remove(): void };
};
declare function randomUUID(): string; // e.g. expo-crypto's, or the uuid package over react-native-get-random-values
declare const chatDetails: { contactId: string; participantId: string; participantToken: string };

// -- core: the platform seam, filled from NetInfo and AppState --
let networkUp = true;
const reactNativePlatform: ConnectionPlatform = {
  isOnline: () => networkUp,
  isVisible: () => AppState.currentState === 'active',
  subscribe(listener) {
    const stopNetInfo = NetInfo.addEventListener((state) => {
      networkUp = state.isConnected !== false;
      listener(networkUp ? 'network.online' : 'network.offline');
    });
    const appState = AppState.addEventListener('change', (state) =>
      listener(state === 'active' ? 'page.visible' : 'page.hidden'),
    );
    return () => {
      stopNetInfo();
      appState.remove();
    };
  },
};

const session = createChatSession({
  chatDetails,
  participantApi: createFetchParticipantApi({ region: 'us-west-2', generateClientToken: randomUUID }),
  sockets: createWebSocketFactory(), // React Native's global WebSocket
  platform: reactNativePlatform,
  createClientToken: randomUUID,
});

// -- compat: ChatJS code keeps its `isNetworkOnline` probe (a synchronous boolean, polled every 250 ms) --
const ChatSession = createChatSessionApi({ platform: reactNativePlatform, createClientToken: randomUUID });
ChatSession.setGlobalConfig({
  region: 'us-west-2',
  webSocketManagerConfig: { isNetworkOnline: () => networkUp },
});
const legacySession = ChatSession.create({ chatDetails, type: 'CUSTOMER' });

export { legacySession, session };
