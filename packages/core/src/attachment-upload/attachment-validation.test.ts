import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ChatError } from '../errors';
import { defaultAttachmentContentTypes, maxAttachmentSizeInBytes } from '../protocol/content-types';
import type { UploadableAttachment } from './attachment-upload.types';
import {
  attachmentByteLength,
  findAttachmentProblem,
  maxAttachmentNameLength,
  validateAttachment,
} from './attachment-validation';

const valid: UploadableAttachment = {
  name: 'report.pdf',
  contentType: 'application/pdf',
  size: 4,
  body: new Uint8Array(4),
};

const problemOf = (change: Partial<Record<keyof UploadableAttachment, unknown>>, rules = {}) =>
  findAttachmentProblem({ ...valid, ...change } as UploadableAttachment, rules)?.message;

describe('validateAttachment', () => {
  it('VAL-01 accepts a valid attachment, and throws the problem of an invalid one as a validation ChatError', () => {
    expect(findAttachmentProblem(valid)).toBeUndefined();
    expect(() => validateAttachment(valid)).not.toThrow();
    const thrown = (() => {
      try {
        validateAttachment({ ...valid, size: 0, body: new Uint8Array(0) });
      } catch (error) {
        return error;
      }
      return undefined;
    })();
    expect(thrown).toBeInstanceOf(ChatError);
    expect(thrown).toMatchObject({
      code: 'validation',
      message: 'unable to upload attachment; the file is empty',
    });
  });

  it('VAL-02 names: 1 to 256 characters, counted as code points', () => {
    expect(problemOf({ name: '' })).toBe('unable to upload attachment; the file has no name');
    expect(problemOf({ name: 'n'.repeat(maxAttachmentNameLength) })).toBeUndefined();
    expect(problemOf({ name: 'n'.repeat(maxAttachmentNameLength + 1) })).toBe(
      'unable to upload attachment; the file name is longer than 256 characters',
    );
    // 256 emoji are 512 UTF-16 code units but 256 characters.
    expect(problemOf({ name: '📎'.repeat(256) })).toBeUndefined();
    expect(problemOf({ name: 42 })).toBe('unable to upload attachment; the file has no name');
  });

  it('VAL-03 sizes: a whole number of bytes from 1 to the limit, which defaults to 20 MB', () => {
    const sized = (size: number) => problemOf({ size, body: { size, slice: () => undefined } });
    expect(sized(maxAttachmentSizeInBytes)).toBeUndefined();
    expect(sized(maxAttachmentSizeInBytes + 1)).toBe(
      'unable to upload attachment; the file is larger than 20 MB',
    );
    expect(sized(0)).toBe('unable to upload attachment; the file is empty');
    for (const size of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(sized(size)).toBe('unable to upload attachment; the file size is not a whole number of bytes');
    }
    expect(problemOf({ size: 4 }, { maxSizeInBytes: 3 })).toBe(
      'unable to upload attachment; the file is larger than 3 bytes',
    );
    expect(problemOf({ size: 4 }, { maxSizeInBytes: 2048 })).toBeUndefined();
    expect(problemOf({ size: 4097, body: new Uint8Array(4097) }, { maxSizeInBytes: 4096 })).toBe(
      'unable to upload attachment; the file is larger than 4 KB',
    );
  });

  it('VAL-04 content types: the allowed list (the service default unless given), compared case-insensitively', () => {
    for (const contentType of defaultAttachmentContentTypes)
      expect(problemOf({ contentType })).toBeUndefined();
    expect(problemOf({ contentType: 'Application/PDF' })).toBeUndefined();
    expect(problemOf({ contentType: 'application/x-msdownload' })).toBe(
      'unable to upload attachment; files of type "application/x-msdownload" are not allowed',
    );
    expect(problemOf({ contentType: '' })).toBe('unable to upload attachment; the file has no content type');
    expect(problemOf({ contentType: 'video/mp4' }, { allowedContentTypes: ['video/mp4'] })).toBeUndefined();
    expect(problemOf({}, { allowedContentTypes: ['video/mp4'] })).toBe(
      'unable to upload attachment; files of type "application/pdf" are not allowed',
    );
  });

  it('VAL-05 bodies: present, and as long as the size says when they can be measured', () => {
    expect(problemOf({ body: undefined })).toBe(
      'unable to upload attachment; the file has no content to send',
    );
    expect(problemOf({ body: null })).toBe('unable to upload attachment; the file has no content to send');
    expect(problemOf({ body: new Uint8Array(5) })).toBe(
      'unable to upload attachment; the file holds 5 bytes but its size says 4',
    );
    expect(problemOf({ body: new ArrayBuffer(4) })).toBeUndefined();
    expect(problemOf({ body: new DataView(new ArrayBuffer(8), 2, 4) })).toBeUndefined();
    expect(problemOf({ body: new Blob(['abcd']) })).toBeUndefined();
    expect(problemOf({ body: new Blob(['abc']) })).toBe(
      'unable to upload attachment; the file holds 3 bytes but its size says 4',
    );
    // A body this code cannot measure is trusted.
    expect(problemOf({ body: { uri: 'file:///photo.png' } })).toBeUndefined();
  });

  it('VAL-06 attachmentByteLength measures buffers, views and blob-likes, and nothing else', () => {
    expect(attachmentByteLength(new ArrayBuffer(3))).toBe(3);
    expect(attachmentByteLength(new Uint16Array(3))).toBe(6);
    expect(attachmentByteLength(new Blob(['hello']))).toBe(5);
    expect(attachmentByteLength('hello')).toBeUndefined();
    expect(attachmentByteLength(undefined)).toBeUndefined();
    expect(attachmentByteLength({ size: 3 })).toBeUndefined();
  });

  it('VAL-07 (property) a problem is reported exactly when some rule is broken', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 300 }),
        fc.constantFrom(...defaultAttachmentContentTypes, 'application/zip', ''),
        fc.integer({ min: -2, max: 64 }),
        fc.integer({ min: 0, max: 64 }),
        fc.integer({ min: 1, max: 48 }),
        (name, contentType, size, bodyLength, maxSizeInBytes) => {
          const problem = findAttachmentProblem(
            { name, contentType, size, body: new Uint8Array(bodyLength) },
            { maxSizeInBytes },
          );
          const broken =
            name.length === 0 ||
            [...name].length > maxAttachmentNameLength ||
            !defaultAttachmentContentTypes.includes(contentType) ||
            size < 1 ||
            size > maxSizeInBytes ||
            bodyLength !== size;
          expect(problem === undefined).toBe(!broken);
          if (problem) {
            expect(problem.code).toBe('validation');
            expect(problem.message).toMatch(/^unable to upload attachment; /);
          }
        },
      ),
    );
  });
});
