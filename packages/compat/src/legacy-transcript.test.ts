import { describe, expect, it } from 'vitest';
import { createLegacyTranscript } from './legacy-transcript';

const ids = () => {
  let next = 0;
  return () => {
    next += 1;
    return `temp-${next}`;
  };
};
const at = (second: number) => `2030-01-01T00:00:${String(second).padStart(2, '0')}.000Z`;
const message = (id: string, second: number, extra: Record<string, unknown> = {}) => ({
  Id: id,
  Type: 'MESSAGE',
  ContentType: 'text/plain',
  Content: id,
  AbsoluteTime: at(second),
  ...extra,
});
const idsOf = (transcript: ReturnType<typeof createLegacyTranscript>) =>
  transcript.data().transcript.map((item) => item.Id);

describe("ChatJS's internal transcript (legacy-chatjs §10.2)", () => {
  it('LTR-01 a sent message: temporary SENDING item, then the real Id and SENT; the echo later replaces it where it stands, without a status', () => {
    const transcript = createLegacyTranscript(ids());
    transcript.incoming(message('m-1', 1));
    const tempId = transcript.sending('text/plain', 'hi');
    expect(transcript.data().transcript.at(-1)).toEqual({
      Id: 'temp-1',
      ContentType: 'text/plain',
      Content: 'hi',
      Type: 'MESSAGE',
      ParticipantRole: 'CUSTOMER',
      AbsoluteTime: '',
      MessageMetadata: { MessageId: 'temp-1', Status: 'SENDING' },
    });
    transcript.sent(tempId, 'm-2');
    expect(transcript.data().transcript.at(-1)).toMatchObject({
      Id: 'm-2',
      AbsoluteTime: '',
      MessageMetadata: { MessageId: 'm-2', Status: 'SENT' },
    });
    const echo = message('m-2', 2, { Content: 'hi', ParticipantRole: 'CUSTOMER' });
    transcript.incoming(echo);
    const [, last] = transcript.data().transcript;
    expect(last).toEqual({ ...echo, serializedContent: JSON.stringify(echo) });
    expect(idsOf(transcript)).toEqual(['m-1', 'm-2']);
  });

  it('LTR-02 an echo before the answer: the echo is added and the temporary item dropped when the answer comes', () => {
    const transcript = createLegacyTranscript(ids());
    const tempId = transcript.sending('text/plain', 'hi');
    transcript.incoming(message('m-1', 5));
    expect(idsOf(transcript)).toEqual(['temp-1', 'm-1']);
    transcript.sent(tempId, 'm-1');
    expect(idsOf(transcript)).toEqual(['m-1']);
  });

  it('LTR-03 a failed send keeps its temporary item, FAILED, with the time of the failure', () => {
    const transcript = createLegacyTranscript(ids());
    const tempId = transcript.sending('text/plain', 'hi');
    transcript.failed(tempId, at(9));
    expect(transcript.data().transcript).toEqual([
      expect.objectContaining({
        Id: 'temp-1',
        AbsoluteTime: at(9),
        MessageMetadata: { MessageId: 'temp-1', Status: 'FAILED' },
      }),
    ]);
  });

  it('LTR-04 order: an item older than the first goes first, anything else last (no full sort); a known Id is replaced in place', () => {
    const transcript = createLegacyTranscript(ids());
    transcript.incoming(message('b', 5));
    transcript.incoming(message('a', 3));
    transcript.incoming(message('c', 4));
    transcript.incoming({ Id: 'typing', Type: 'EVENT', ContentType: 'typing', AbsoluteTime: at(6) });
    transcript.incoming(message('a', 3, { Content: 'edited' }));
    expect(idsOf(transcript)).toEqual(['a', 'b', 'c', 'typing']);
    expect(transcript.data().transcript[0]?.Content).toBe('edited');
  });

  it('LTR-05 a receipt sets READ/DELIVERED on the message it is about and is not listed; items without an Id are skipped', () => {
    const transcript = createLegacyTranscript(ids());
    transcript.incoming(message('m-1', 1));
    const receipt = (kind: 'ReadTimestamp' | 'DeliveredTimestamp') => ({
      Id: `r-${kind}`,
      Type: 'MESSAGEMETADATA',
      MessageMetadata: { MessageId: 'm-1', Receipts: [{ [kind]: at(2), RecipientParticipantId: 'agent' }] },
    });
    transcript.incoming(receipt('DeliveredTimestamp'));
    expect(transcript.data().transcript[0]?.MessageMetadata?.Status).toBe('DELIVERED');
    transcript.incoming(receipt('ReadTimestamp'));
    expect(transcript.data().transcript[0]?.MessageMetadata?.Status).toBe('READ');
    transcript.incoming({ Id: '', Type: 'EVENT', ContentType: 'chat.ended' });
    expect(idsOf(transcript)).toEqual(['m-1']);
  });

  it("LTR-06 a page adds every item (receipt items too); a backward page's NextToken becomes previousTranscriptNextToken (null before)", () => {
    const transcript = createLegacyTranscript(ids());
    expect(transcript.data().previousTranscriptNextToken).toBeNull();
    transcript.incoming(message('m-3', 30));
    transcript.page(
      [
        message('m-1', 10),
        message('m-2', 20),
        { Id: 'meta', Type: 'MESSAGEMETADATA', AbsoluteTime: at(25), MessageMetadata: { MessageId: 'm-2' } },
      ],
      'older',
      'BACKWARD',
    );
    // Only an item older than the first item goes first: the rest of an ascending page lands after what was there.
    expect(idsOf(transcript)).toEqual(['m-1', 'm-3', 'm-2', 'meta']);
    expect(transcript.data().previousTranscriptNextToken).toBe('older');
    transcript.page([], 'forward', 'FORWARD');
    expect(transcript.data().previousTranscriptNextToken).toBe('older');
    transcript.page([], undefined, 'BACKWARD');
    expect(transcript.data().previousTranscriptNextToken).toBeUndefined();
  });

  it('LTR-07 each report is a fresh array; a status set later does not change the item a callback was given', () => {
    const transcript = createLegacyTranscript(ids());
    const metadata = { MessageId: 'm-1' };
    const item = message('m-1', 1, { MessageMetadata: metadata });
    transcript.incoming(item);
    const before = transcript.data().transcript;
    transcript.incoming({
      Id: 'r',
      Type: 'MESSAGEMETADATA',
      MessageMetadata: { MessageId: 'm-1', Receipts: [{ ReadTimestamp: at(2) }] },
    });
    expect(transcript.data().transcript).not.toBe(before);
    expect(metadata).toEqual({ MessageId: 'm-1' });
    expect(transcript.data().transcript[0]?.serializedContent).toBe(JSON.stringify(item));
  });
});
