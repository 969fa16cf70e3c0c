// Appended after the library under test (ChatJS's dist or compat), before any app code runs. It wraps
// `connect.ChatSession.create` so every session the app creates is observed: each documented callback is recorded
// with its payload, every method call with its outcome, and the app's own handlers are counted. The Node side
// drives the captured session through `invoke` and reads the records; it never sees a token, because `chatDetails`
// and `getChatDetails()` are reduced to their key sets here, in the page.
(() => {
  // Every documented `on*` callback but onTranscriptUpdated: subscribing to that one switches on ChatJS's internal
  // transcript and its fetch on every connection gain, which would change what the app under test does.
  const callbacks = [
    'onMessage',
    'onTyping',
    'onReadReceipt',
    'onDeliveredReceipt',
    'onConnectionBroken',
    'onConnectionEstablished',
    'onEnded',
    'onParticipantIdle',
    'onParticipantReturned',
    'onParticipantInvited',
    'onAutoDisconnection',
    'onConnectionLost',
    'onDeepHeartbeatSuccess',
    'onDeepHeartbeatFailure',
    'onAuthenticationInitiated',
    'onAuthenticationSuccessful',
    'onAuthenticationFailed',
    'onAuthenticationTimeout',
    'onAuthenticationExpired',
    'onAuthenticationCanceled',
    'onParticipantDisplayNameUpdated',
    'onChatRehydrated',
  ];
  const methods = [
    'connect',
    'sendMessage',
    'sendEvent',
    'sendAttachment',
    'downloadAttachment',
    'getAttachmentURL',
    'getTranscript',
    'disconnectParticipant',
    'getChatDetails',
    'describeView',
    'getAuthenticationUrl',
    'cancelParticipantAuthentication',
  ];
  // Methods whose results hold tokens: only their key sets are recorded.
  const keysOnlyResults = new Set(['getChatDetails']);

  const events = [];
  const calls = [];
  /** Blobs that calls resolved with, by call index, so Node can compare their bytes. */
  const blobs = new Map();
  const appHandlerCalls = [];
  const sessions = [];

  /** The key set of an object (recursively for nested objects), without any value. */
  const keysOnly = (value) => {
    if (value === null || typeof value !== 'object') return value === null ? null : typeof value;
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, keysOnly(value[key])]),
    );
  };

  /** A JSON-safe copy of a payload or result; Blobs, functions and errors become descriptions. */
  const plain = (value, depth = 0) => {
    if (value === undefined) return { $undefined: true };
    if (value === null || typeof value !== 'object') {
      return typeof value === 'function' ? { $function: true } : value;
    }
    if (depth > 12) return { $deep: true };
    if (typeof Blob !== 'undefined' && value instanceof Blob) {
      return {
        $blob: { type: value.type, size: value.size, own: plain({ ...value }, depth + 1) },
      };
    }
    if (value instanceof Error) {
      return { $error: { name: value.name, message: value.message, own: plain({ ...value }, depth + 1) } };
    }
    if (Array.isArray(value)) return value.map((entry) => plain(entry, depth + 1));
    const copy = {};
    for (const key of Object.keys(value)) {
      copy[key] = key === 'chatDetails' ? { $keys: keysOnly(value[key]) } : plain(value[key], depth + 1);
    }
    return copy;
  };

  const describeArgs = (args) => {
    if (!args || typeof args !== 'object') return plain(args);
    const copy = { ...args };
    if (typeof File !== 'undefined' && copy.attachment instanceof File) {
      copy.attachment = { $file: { name: copy.attachment.name, type: copy.attachment.type } };
    }
    return plain(copy);
  };

  /** Sessions whose `onTranscriptUpdated` is recorded too (see `create`). */
  let nextWithTranscript = false;

  const instrument = (session) => {
    const index = sessions.length;
    sessions.push(session);
    const recorded = nextWithTranscript ? [...callbacks, 'onTranscriptUpdated'] : callbacks;
    nextWithTranscript = false;
    for (const name of recorded) {
      const subscribe = session[name];
      if (typeof subscribe !== 'function') {
        events.push({ session: index, name, missing: true });
        continue;
      }
      // The recorder's own handler, registered before the app can register any.
      subscribe.call(session, (payload) => {
        events.push({ session: index, name, payload: plain(payload) });
      });
      // The app's handlers still receive exactly what the library passes; the recorder only counts the calls.
      session[name] = function (handler, ...rest) {
        const counted =
          typeof handler === 'function'
            ? function (...handlerArgs) {
                appHandlerCalls.push({ session: index, name });
                return handler.apply(this, handlerArgs);
              }
            : handler;
        return subscribe.call(this, counted, ...rest);
      };
    }
    for (const name of methods) {
      const method = session[name];
      if (typeof method !== 'function') continue;
      session[name] = function (...args) {
        const call = { session: index, method: name, args: describeArgs(args[0]), outcome: 'pending' };
        calls.push(call);
        let result;
        try {
          result = method.apply(this, args);
        } catch (error) {
          call.outcome = 'threw';
          call.value = plain(error);
          throw error;
        }
        if (!result || typeof result.then !== 'function') {
          call.outcome = 'returned';
          call.value = keysOnlyResults.has(name) ? { $keys: keysOnly(result) } : plain(result);
          return result;
        }
        result.then(
          (value) => {
            call.outcome = 'resolved';
            call.value = keysOnlyResults.has(name) ? { $keys: keysOnly(value) } : plain(value);
            if (typeof Blob !== 'undefined' && value instanceof Blob) blobs.set(calls.indexOf(call), value);
          },
          (reason) => {
            call.outcome = 'rejected';
            call.value = plain(reason);
          },
        );
        return result;
      };
    }
  };

  const chatSession = globalThis.connect?.ChatSession;
  if (!chatSession || typeof chatSession.create !== 'function') {
    throw new Error('recorder: the library under test did not install connect.ChatSession.create');
  }
  const create = chatSession.create;
  chatSession.create = function (...args) {
    const session = create.apply(this, args);
    instrument(session);
    return session;
  };

  const lastSession = () => {
    const session = sessions.at(-1);
    if (!session) throw new Error('recorder: the app has not created a session yet');
    return session;
  };

  /** Turns an argument description from Node into real arguments (a File from bytes; `undefined` itself). */
  const realArgs = (args) => {
    if (args && typeof args === 'object' && args.$undefined === true) return undefined;
    if (args && typeof args === 'object' && args.attachment && Array.isArray(args.attachment.bytes)) {
      const { name, type, bytes } = args.attachment;
      return { ...args, attachment: new File([new Uint8Array(bytes)], name, { type }) };
    }
    return args;
  };

  globalThis.connectChatRecorder = {
    events,
    calls,
    appHandlerCalls,
    version: () => globalThis.connect?.ChatJS?.version ?? null,
    sessionCount: () => sessions.length,
    /**
     * Creates a session the way the README does, through the (instrumented) global; returns its index. With
     * `transcript`, its `onTranscriptUpdated` is recorded too (which turns ChatJS's internal transcript on).
     */
    create(chatDetails, options = {}) {
      nextWithTranscript = options.transcript === true;
      globalThis.connect.ChatSession.create({
        chatDetails,
        options: { region: 'us-west-2' },
        type: 'CUSTOMER',
        disableCSM: true,
      });
      return sessions.length - 1;
    },
    /** Starts a method call on the app's session (recorded like the app's own calls); returns its index. */
    invoke(method, args) {
      const session = lastSession();
      const before = calls.length;
      try {
        const result = session[method](realArgs(args));
        // Keep an unhandled rejection from reaching the page's error log; the outcome is recorded already.
        if (result && typeof result.catch === 'function') result.catch(() => {});
      } catch {
        // Recorded as `threw` by the wrapper.
      }
      return before;
    },
    /** The bytes of the Blob call number `index` resolved with (bytes are not kept in the record). */
    async blobBytes(index) {
      const blob = blobs.get(index);
      if (!blob) throw new Error(`recorder: call ${index} did not resolve with a Blob`);
      return Array.from(new Uint8Array(await blob.arrayBuffer()));
    },
  };
})();
