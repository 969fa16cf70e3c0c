import { describe, expect, it } from 'vitest';
import { createChatSessionApi } from './chat-session-api';
import { type GlobalTarget, hostGlobalObject, installChatJsGlobals } from './install-global';
import { ChatJS } from './module';

describe('installing the ChatJS globals (legacy-chatjs §2; fix 11)', () => {
  it('GLB-01 installs ChatSession, LogLevel, csmService and ChatJS on a bare global', () => {
    const target: GlobalTarget = {};
    const ChatSession = createChatSessionApi();
    expect(installChatJsGlobals({ ChatSession, ChatJS }, target)).toEqual([
      'ChatSession',
      'LogLevel',
      'csmService',
      'ChatJS',
    ]);
    expect(target.connect?.ChatSession).toBe(ChatSession);
    expect(target.connect?.LogLevel).toEqual({ DEBUG: 10, INFO: 20, WARN: 30, ERROR: 40, ADVANCED_LOG: 50 });
    expect(target.connect?.ChatJS).toMatchObject({ version: '5.0.0' });
  });

  it('GLB-02 keeps whatever StreamsJS (or an earlier copy) put there, before or after', () => {
    const streamsLogLevel = { TRACE: 0 };
    const webSocketManager = { create() {} };
    const target: GlobalTarget = {
      connect: { LogLevel: streamsLogLevel, WebSocketManager: webSocketManager },
    };
    const first = createChatSessionApi();
    expect(installChatJsGlobals({ ChatSession: first, ChatJS }, target)).toEqual([
      'ChatSession',
      'csmService',
      'ChatJS',
    ]);
    expect(target.connect?.LogLevel).toBe(streamsLogLevel);
    expect(target.connect?.WebSocketManager).toBe(webSocketManager);
    // Loaded twice: the second copy changes nothing.
    expect(installChatJsGlobals({ ChatSession: createChatSessionApi(), ChatJS }, target)).toEqual([]);
    expect(target.connect?.ChatSession).toBe(first);
  });

  it('GLB-03 without a global object (Node, SSR) nothing is installed', () => {
    expect(hostGlobalObject()).toBeUndefined();
    expect(installChatJsGlobals({ ChatSession: createChatSessionApi(), ChatJS })).toEqual([]);
    expect((globalThis as { connect?: unknown }).connect).toBeUndefined();
  });
});
