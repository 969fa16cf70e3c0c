import { describe, expect, it } from 'vitest';
import { settledWithMetadata, withMetadata } from './legacy-results';

describe("ChatJS's result wrapper (legacy-chatjs §5.3)", () => {
  it('RES-01 writes metadata onto the shared result, so the last call to settle wins, as in ChatJS', async () => {
    const shared = { data: { Id: 'e-1' } };
    const first = await settledWithMetadata(Promise.resolve(shared), 'first');
    const second = await settledWithMetadata(Promise.resolve(shared), 'second');
    expect(first).toBe(second);
    expect(first).toEqual({ data: { Id: 'e-1' }, metadata: 'second' });
  });

  it("RES-02 a failure gets the metadata too; no result at all, or a string, becomes the wrapper's own TypeError", async () => {
    const failure = { type: 'ThrottlingException' };
    await expect(settledWithMetadata(Promise.reject(failure), 'M')).rejects.toEqual({
      type: 'ThrottlingException',
      metadata: 'M',
    });
    const nothing = await settledWithMetadata(Promise.resolve(undefined), 'M').catch(
      (error: unknown) => error,
    );
    expect(nothing).toBeInstanceOf(TypeError);
    expect(nothing).toMatchObject({
      message: "Cannot set properties of undefined (setting 'metadata')",
      metadata: 'M',
    });
    expect(() => withMetadata('Event already fired', 'M')).toThrow(
      "Cannot create property 'metadata' on string 'Event already fired'",
    );
    // A primitive failure cannot hold it either: the TypeError takes its place, as in ChatJS.
    await expect(settledWithMetadata(Promise.reject('refused'), 'M')).rejects.toBeInstanceOf(TypeError);
  });
});
