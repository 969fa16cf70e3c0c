import { describe, expect, it } from 'vitest';
import { isPartialMessage, type LexStream, stitchedItem, stitchLexChunk } from './lex-stitching';
import { at, lexChunk, message } from './transcript.test-support';

function started(chunk: ReturnType<typeof lexChunk>): LexStream {
  const step = stitchLexChunk(undefined, chunk);
  if (step.kind !== 'started') throw new Error(`expected a started stream, got ${step.kind}`);
  return step.stream;
}

describe('Lex stitching', () => {
  it('LEX-01 a partial message is a SYSTEM MESSAGE with MessageCompleted set', () => {
    expect(isPartialMessage(lexChunk('l', 1, 'a', 1, false))).toBe(true);
    expect(isPartialMessage(lexChunk('l', 1, 'a', undefined, true))).toBe(true);
    expect(isPartialMessage({ ...lexChunk('l', 1, 'a', 1, false), ParticipantRole: 'AGENT' })).toBe(false);
    expect(isPartialMessage({ ...lexChunk('l', 1, 'a', 1, false), Type: 'EVENT' })).toBe(false);
    expect(isPartialMessage({ ...message('m', 1), ParticipantRole: 'SYSTEM' })).toBe(false);
  });

  it('LEX-02 a stream starts with chunk 1 or with the completed item, nothing else', () => {
    expect(stitchLexChunk(undefined, lexChunk('l', 1, 'a', 2, false)).kind).toBe('ignored');
    expect(stitchLexChunk(undefined, lexChunk('l', 1, 'a', undefined, false)).kind).toBe('ignored');
    expect(started(lexChunk('l', 1, 'a', 1, false))).toMatchObject({
      content: 'a',
      lastChunk: 1,
      completed: false,
    });
    expect(started(lexChunk('l', 5, 'all', 4, true))).toMatchObject({
      content: 'all',
      completed: true,
      firstTime: at(5),
    });
  });

  it('LEX-03 the next chunk appends, the completion replaces, and anything after it is a duplicate', () => {
    let stream = started(lexChunk('l', 1, 'He', 1, false));
    const appended = stitchLexChunk(stream, lexChunk('l', 2, 'llo', 2, false));
    expect(appended.kind).toBe('appended');
    if (appended.kind !== 'appended') return;
    stream = appended.stream;
    expect(stream).toMatchObject({ content: 'Hello', lastChunk: 2, firstTime: at(1) });
    expect(stitchLexChunk(stream, lexChunk('l', 3, 'x', 4, false)).kind).toBe('ignored');
    expect(stitchLexChunk(stream, lexChunk('l', 3, 'x', undefined, false)).kind).toBe('ignored');
    expect(stitchLexChunk(stream, lexChunk('l', 2, 'llo', 2, false)).kind).toBe('duplicate');
    const done = stitchLexChunk(stream, lexChunk('l', 4, 'Hello!', 3, true));
    expect(done.kind).toBe('completed');
    if (done.kind !== 'completed') return;
    expect(done.stream).toMatchObject({ content: 'Hello!', completed: true, firstTime: at(1) });
    expect(stitchLexChunk(done.stream, lexChunk('l', 4, 'Hello!', 3, true)).kind).toBe('duplicate');
    expect(stitchLexChunk(done.stream, lexChunk('l', 5, '?', 4, false)).kind).toBe('duplicate');
  });

  it('LEX-04 the stitched item copies the latest chunk with the whole text and the first time', () => {
    const first = started(lexChunk('l', 1, 'He', 1, false));
    const step = stitchLexChunk(first, { ...lexChunk('l', 2, 'llo', 2, false), DisplayName: 'Later' });
    if (step.kind !== 'appended') throw new Error('expected appended');
    const item = stitchedItem(step.stream);
    expect(item).toMatchObject({ Id: 'l', Content: 'Hello', AbsoluteTime: at(1), DisplayName: 'Later' });
    expect(item.MessageMetadata?.ChunkNumber).toBe(2);
    const { AbsoluteTime: _time, ...timeless } = lexChunk('t', 0, 'x', 1, false);
    expect('AbsoluteTime' in stitchedItem(started(timeless))).toBe(false);
  });
});
