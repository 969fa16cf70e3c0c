// A type test: code written against ChatJS's own `index.d.ts` (the global `connect` namespace) compiles against
// compat's global types. It is checked by `tsc` and never run. `@ts-expect-error` lines prove misuse still fails.
import type { StreamsWebSocketManager } from '@connect-chat/transport';

declare const streamsManager: StreamsWebSocketManager;
declare function render(item: connect.ChatTranscriptItem): void;

export function customerApp(details: { ContactId: string; ParticipantId: string; ParticipantToken: string }) {
  connect.ChatSession.setGlobalConfig({
    region: 'us-east-1',
    loggerConfig: { useDefaultLogger: true, level: connect.ChatSession.LogLevel.WARN },
    features: { messageReceipts: { shouldSendMessageReceipts: true, throttleTime: 3000 } },
    webSocketManagerConfig: { isNetworkOnline: () => true },
    customUserAgentSuffix: 'MyApp/1.0',
  });
  const session: connect.CustomerChatSession = connect.ChatSession.create({
    chatDetails: details,
    options: { region: 'us-east-1' },
    type: connect.ChatSession.SessionTypes.CUSTOMER,
    disableCSM: true,
  });
  session.onMessage((event: connect.ChatMessageEvent) => {
    const contactId: string = event.chatDetails.contactId;
    render(event.data);
    return contactId;
  });
  session.onTyping(({ data }) => data.DisplayName);
  session.onConnectionEstablished((event: connect.ChatConnectionEstablishedEvent) => event.chatDetails);
  session.onEnded((event: connect.ChatEndedEvent) => event.chatDetails.participantId);
  session.onTranscriptUpdated((event: connect.ChatTranscriptUpdatedEvent) =>
    event.data.transcript.map((item) => item.MessageMetadata?.Status),
  );
  void session.connect().then((result: connect.ConnectChatResult) => result.connectSuccess);
  void session
    .sendMessage({ contentType: 'text/plain', message: 'hi', metadata: { local: 1 } })
    .then((response) => [response.data.Id, response.data.AbsoluteTime, response.metadata.local]);
  void session.sendEvent({ contentType: 'application/vnd.amazonaws.connect.event.typing' });
  void session
    .getTranscript({ maxResults: 100, sortOrder: 'ASCENDING', startPosition: { mostRecent: 5 } })
    .then((response) => response.data.Transcript.map((item) => item.Content));
  void session.getAttachmentURL({ attachmentId: 'a' }).then((url: string) => url.length);
  void session.describeView({ viewToken: 'v' }).then((response) => response.data.View?.Content?.Template);
  void session.disconnectParticipant();
  const chatDetails: connect.ChatDetails = session.getChatDetails();
  // @ts-expect-error a message needs its text
  void session.sendMessage({ contentType: 'text/plain' });
  // @ts-expect-error customers have no cleanUpOnParticipantDisconnect
  session.cleanUpOnParticipantDisconnect();
  return chatDetails.initialContactId;
}

export function agentApp(contactId: string, participantId: string) {
  const session: connect.AgentChatSession = connect.ChatSession.create({
    chatDetails: {
      contactId,
      participantId,
      getConnectionToken: () =>
        Promise.resolve({
          chatTokenTransport: { participantToken: 'from-media-info', expiry: '2030-01-02' },
        }),
    },
    type: 'AGENT',
    websocketManager: streamsManager,
  });
  session.onConnectionBroken((event: connect.ChatConnectionBrokenEvent) => event.chatDetails);
  session.cleanUpOnParticipantDisconnect();
  const status: connect.NetworkLinkStatus = session.controller.getConnectionStatus();
  return [status, connect.ChatJS.version, connect.LogLevel.ADVANCED_LOG] as const;
}
