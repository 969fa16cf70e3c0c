// Runs in the browser page next to the unmodified ChatJS dist. It drives one customer session and records what the
// session reports, so the Node side can wait on counters and read results. Only `event.data` is kept: the
// `chatDetails` ChatJS attaches to every event carries the participant and connection tokens.
(() => {
  const callbacks = [
    'onConnectionEstablished',
    'onConnectionLost',
    'onConnectionBroken',
    'onMessage',
    'onTyping',
    'onReadReceipt',
    'onDeliveredReceipt',
    'onEnded',
  ];
  const events = [];
  let session;

  const plain = (value) => (value === undefined ? null : JSON.parse(JSON.stringify(value)));

  // ChatJS rejects with plain objects; turn them into Errors that survive page.evaluate with their details.
  const describeFailure = (failure) => {
    if (failure instanceof Error) return failure;
    const details = failure && typeof failure === 'object' ? failure : { message: String(failure) };
    const { type, message, statusCode, reason } = details;
    return new Error(`ChatJS call failed: ${JSON.stringify({ type, message, statusCode, reason })}`);
  };
  const call = async (action) => {
    try {
      return await action();
    } catch (failure) {
      throw describeFailure(failure);
    }
  };

  globalThis.chatHarness = {
    events,
    count(name) {
      return events.filter((event) => event.name === name).length;
    },
    configure(endpoint) {
      connect.ChatSession.setGlobalConfig({
        region: 'us-west-2',
        endpoint,
        features: { messageReceipts: { shouldSendMessageReceipts: true, throttleTime: 100 } },
      });
      return connect.ChatJS.version;
    },
    async start(chatDetails) {
      session = connect.ChatSession.create({
        chatDetails,
        type: connect.ChatSession.SessionTypes.CUSTOMER,
        options: { region: 'us-west-2' },
        disableCSM: true,
      });
      for (const name of callbacks) {
        session[name]((event) => {
          const data = name === 'onConnectionEstablished' || name === 'onConnectionLost' ? null : event.data;
          events.push({ name, data: plain(data) });
        });
      }
      const result = await call(() => session.connect());
      return { connectSuccess: result.connectSuccess };
    },
    async sendMessage(text) {
      const result = await call(() => session.sendMessage({ contentType: 'text/plain', message: text }));
      return { id: result.data.Id, absoluteTime: result.data.AbsoluteTime };
    },
    async sendTyping() {
      const result = await call(() =>
        session.sendEvent({ contentType: 'application/vnd.amazonaws.connect.event.typing' }),
      );
      return { id: result.data.Id };
    },
    async sendReadReceipt(messageId) {
      await call(() =>
        session.sendEvent({
          contentType: 'application/vnd.amazonaws.connect.event.message.read',
          content: JSON.stringify({ messageId }),
        }),
      );
    },
    async sendAttachment(name, type, bytes) {
      const file = new File([new Uint8Array(bytes)], name, { type });
      const result = await call(() => session.sendAttachment({ attachment: file }));
      return { status: result.data.$metadata.httpStatusCode };
    },
    async downloadAttachment(attachmentId) {
      const blob = await call(() => session.downloadAttachment({ attachmentId }));
      return { type: blob.type, bytes: Array.from(new Uint8Array(await blob.arrayBuffer())) };
    },
    async disconnect() {
      const result = await call(() => session.disconnectParticipant());
      return { status: result.data.$metadata.httpStatusCode };
    },
  };
})();
