// The session option that sets the outbox's `maxAttempts`, checked where every session option is checked.
import { describe, expect, it } from 'vitest';
import { checkSessionOptions } from '../session/session-validation';

const operations = [
  'createParticipantConnection',
  'sendMessage',
  'sendEvent',
  'getTranscript',
  'disconnectParticipant',
  'startAttachmentUpload',
  'completeAttachmentUpload',
  'getAttachment',
  'describeView',
  'getAuthenticationUrl',
  'cancelParticipantAuthentication',
];

const optionsWith = (outboxMaxAttempts: unknown) => ({
  chatDetails: { contactId: 'c', participantId: 'p', participantToken: 't' },
  participantApi: Object.fromEntries(operations.map((name) => [name, () => Promise.resolve({})])),
  sockets: { open: () => undefined },
  outboxMaxAttempts,
});

describe('outboxMaxAttempts', () => {
  it('OUT-18 takes a whole number from 1, or nothing', () => {
    for (const good of [undefined, 1, 3, 1_000])
      expect(() => checkSessionOptions(optionsWith(good))).not.toThrow();
  });

  it.each([
    ['0', 0],
    ['-1', -1],
    ['2.5', 2.5],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ["'3'", '3'],
    ['null', null],
  ])('OUT-19 refuses %s with a validation error naming the option', (_, bad) => {
    expect(() => checkSessionOptions(optionsWith(bad))).toThrow(
      expect.objectContaining({
        code: 'validation',
        message: expect.stringMatching(
          /^unable to create chat session; outboxMaxAttempts must be a whole number from 1 up/,
        ),
      }),
    );
  });
});
