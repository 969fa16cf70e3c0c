import { describe, expect, it } from 'vitest';
import { isChatError } from '../errors';
import { EventContentType, MessageContentType } from '../protocol/content-types';
import type { Item } from '../protocol/item.types';
import { fetchGap } from './gap-fill';
import { authenticationSessionIdOf, eventTypeByContentType, eventTypeOf } from './item-events';
import { createParticipantRoster } from './participant-roster';
import {
  checkAuthenticationUrlRequest,
  checkSendEvent,
  checkSendMessage,
  checkTranscriptRequest,
  checkUrlExpiry,
} from './session-validation';
import { defaultTypingThrottleMs, typingAllowed } from './typing-throttle';

const codeOf = (run: () => unknown): string | undefined => {
  try {
    run();
  } catch (error) {
    return isChatError(error) ? error.code : 'not a ChatError';
  }
  return undefined;
};

describe('typing throttle', () => {
  it('TYP-01 leading edge: the first goes, the rest of the window does not, the next window does', () => {
    expect(defaultTypingThrottleMs).toBe(10_000);
    expect(typingAllowed(1_000, undefined)).toBe(true);
    expect(typingAllowed(10_999, 1_000)).toBe(false);
    expect(typingAllowed(11_000, 1_000)).toBe(true);
    expect(typingAllowed(1_500, 1_000, 500)).toBe(true);
    // A clock that went backwards never blocks typing for good.
    expect(typingAllowed(500, 1_000)).toBe(true);
  });
});

describe('send validation', () => {
  it('VAL-01 messages: a string is plain text; each content type has its own length limit; JSON types must parse', () => {
    expect(checkSendMessage('hi')).toEqual({
      contentType: 'text/plain',
      content: 'hi',
      clientToken: undefined,
    });
    expect(checkSendMessage({ content: 'x'.repeat(1024) }).content).toHaveLength(1024);
    expect(codeOf(() => checkSendMessage({ content: 'x'.repeat(1025) }))).toBe('validation');
    expect(
      checkSendMessage({ content: `"${'x'.repeat(11_998)}"`, contentType: MessageContentType.json })
        .contentType,
    ).toBe(MessageContentType.json);
    expect(codeOf(() => checkSendMessage({ content: '{', contentType: MessageContentType.json }))).toBe(
      'validation',
    );
    expect(codeOf(() => checkSendMessage({ content: '' }))).toBe('validation');
    expect(codeOf(() => checkSendMessage(null as never))).toBe('validation');
    expect(
      codeOf(() => checkSendMessage({ content: 'x', contentType: MessageContentType.interactive as never })),
    ).toBe('validation');
    expect(codeOf(() => checkSendMessage({ content: 'x', clientToken: 'x'.repeat(501) }))).toBe('validation');
  });

  it('VAL-02 events: only sendable types; receipts need {"messageId"}', () => {
    expect(checkSendEvent({ contentType: EventContentType.typing }).receiptMessageId).toBeUndefined();
    expect(
      checkSendEvent({ contentType: EventContentType.messageRead, content: '{"messageId":"m1"}' })
        .receiptMessageId,
    ).toBe('m1');
    expect(codeOf(() => checkSendEvent({ contentType: EventContentType.chatEnded }))).toBe('validation');
    expect(codeOf(() => checkSendEvent({ contentType: EventContentType.messageDelivered }))).toBe(
      'validation',
    );
    expect(codeOf(() => checkSendEvent({ contentType: EventContentType.messageRead, content: '{}' }))).toBe(
      'validation',
    );
    expect(codeOf(() => checkSendEvent({ contentType: EventContentType.messageRead, content: 'm1' }))).toBe(
      'validation',
    );
  });

  it('VAL-03 transcript queries map to the service fields and reject what the service would', () => {
    expect(
      checkTranscriptRequest({ maxResults: 0, scanDirection: 'FORWARD', startPosition: { mostRecent: 5 } }),
    ).toEqual({ MaxResults: 0, ScanDirection: 'FORWARD', StartPosition: { MostRecent: 5 } });
    expect(checkTranscriptRequest({ startPosition: {} })).toEqual({ StartPosition: {} });
    expect(checkTranscriptRequest({})).toEqual({});
    for (const bad of [
      { maxResults: 1.5 },
      { maxResults: -1 },
      { nextToken: '' },
      { contactId: 'x'.repeat(257) },
      { sortOrder: 'UP' },
      { startPosition: { absoluteTime: 't', id: 'i' } },
      { startPosition: { mostRecent: 101 } },
    ])
      expect(
        codeOf(() => checkTranscriptRequest(bad as never)),
        JSON.stringify(bad),
      ).toBe('validation');
  });

  it('VAL-04 attachment URL lifetimes and authentication requests', () => {
    expect(checkUrlExpiry('x', undefined)).toBeUndefined();
    expect(checkUrlExpiry('x', 300)).toBe(300);
    expect(codeOf(() => checkUrlExpiry('x', 4))).toBe('validation');
    const sessionId = 'a'.repeat(36);
    expect(checkAuthenticationUrlRequest({ sessionId, redirectUri: 'https://x' })).toEqual({
      SessionId: sessionId,
      RedirectUri: 'https://x',
    });
    expect(codeOf(() => checkAuthenticationUrlRequest({ sessionId, redirectUri: '' }))).toBe('validation');
  });
});

describe('item routing', () => {
  const item = (fields: Item): Item => fields;
  it('ROUTE-01 every known event content type has its own typed event; others are unknownEvent', () => {
    for (const contentType of Object.values(EventContentType)) {
      const type = eventTypeOf(item({ Type: 'EVENT', ContentType: contentType }));
      if (
        contentType === EventContentType.messageRead ||
        contentType === EventContentType.messageDelivered ||
        contentType === EventContentType.messageMetadata
      )
        expect(type, contentType).toBeUndefined();
      else expect(type, contentType).toBe(eventTypeByContentType[contentType]);
    }
    expect(
      eventTypeOf(item({ Type: 'EVENT', ContentType: 'application/vnd.amazonaws.connect.event.new' })),
    ).toBe('unknownEvent');
  });

  it('ROUTE-02 Type decides messages, attachments and receipts; model-only Type values are understood', () => {
    expect(eventTypeOf(item({ Type: 'MESSAGE', ContentType: MessageContentType.interactive }))).toBe(
      'message',
    );
    expect(eventTypeOf(item({ Type: 'ATTACHMENT' }))).toBe('attachment');
    expect(eventTypeOf(item({ Type: 'MESSAGEMETADATA' }))).toBeUndefined();
    expect(eventTypeOf(item({ Type: 'CONNECTION_ACK' }))).toBe('connectionAcknowledged');
    expect(eventTypeOf(item({ Type: 'TYPING' }))).toBe('typing');
    expect(eventTypeOf(item({ Type: 'CHAT_ENDED' }))).toBe('chatEnded');
    expect(eventTypeOf(item({ ContentType: 'text/plain' }))).toBe('message');
  });

  it('ROUTE-03 the authentication session id is read from the event content, and bad content is tolerated', () => {
    expect(authenticationSessionIdOf(item({ Content: '{"SessionId":"abc"}' }))).toBe('abc');
    expect(authenticationSessionIdOf(item({ Content: 'nope' }))).toBeUndefined();
    expect(authenticationSessionIdOf(item({}))).toBeUndefined();
  });
});

describe('participant roster', () => {
  it('ROSTER-01 counts self plus joined non-system participants; a supervisor makes it more than two', () => {
    const roster = createParticipantRoster('me');
    expect(roster.count()).toBe(1);
    const joined = (id: string, role: string) =>
      roster.observe({
        ParticipantId: id,
        ParticipantRole: role,
        ContentType: EventContentType.participantJoined,
      });
    expect(joined('agent', 'AGENT')).toBe(true);
    expect(joined('system', 'SYSTEM')).toBe(false);
    expect(roster.count()).toBe(2);
    expect(joined('agent', 'AGENT')).toBe(false);
    joined('boss', 'SUPERVISOR');
    expect(roster.count()).toBeGreaterThan(2);
    roster.observe({
      ParticipantId: 'boss',
      ParticipantRole: 'SUPERVISOR',
      ContentType: EventContentType.participantLeft,
    });
    expect(roster.count()).toBe(2);
    // A message from someone who has left does not bring them back.
    roster.observe({ ParticipantId: 'boss', ParticipantRole: 'SUPERVISOR', Type: 'MESSAGE' });
    expect(roster.count()).toBe(2);
    // A sender never seen joining is counted.
    roster.observe({ ParticipantId: 'bot', ParticipantRole: 'CUSTOM_BOT', Type: 'MESSAGE' });
    expect(roster.count()).toBe(3);
  });
});

describe('gap fill', () => {
  const page = (ids: string[], next?: string) => ({
    Transcript: ids.map((Id) => ({ Id })),
    ...(next ? { NextToken: next } : {}),
  });

  it('GAP-01 pages back until a known item and returns everything oldest first', async () => {
    const requested: (string | undefined)[] = [];
    const pages: Record<string, ReturnType<typeof page>> = {
      first: page(['e', 'f'], 'p2'),
      p2: page(['c', 'd'], 'p3'),
      p3: page(['a', 'b'], 'p4'),
    };
    const result = await fetchGap({
      fetchPage: async (token) => {
        requested.push(token);
        return pages[token ?? 'first']!;
      },
      isKnown: (id) => id === 'b',
      maxPages: 10,
    });
    expect(requested).toEqual([undefined, 'p2', 'p3']);
    expect(result).toEqual({
      items: ['a', 'b', 'c', 'd', 'e', 'f'].map((Id) => ({ Id })),
      pages: 3,
      reachedKnown: true,
      complete: true,
    });
  });

  it('GAP-02 stops at the start of the chat or at maxPages', async () => {
    const endless = await fetchGap({
      fetchPage: async (token) => page([`i${token ?? 0}`], `${Number(token ?? 0) + 1}`),
      isKnown: () => false,
      maxPages: 3,
    });
    expect(endless).toMatchObject({ pages: 3, reachedKnown: false, complete: false });
    const short = await fetchGap({ fetchPage: async () => page(['x']), isKnown: () => false, maxPages: 3 });
    expect(short).toMatchObject({ pages: 1, reachedKnown: false, complete: true, items: [{ Id: 'x' }] });
  });
});
