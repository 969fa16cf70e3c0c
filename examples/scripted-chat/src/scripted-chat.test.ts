import { describe, expect, it } from 'vitest';
import { runScriptedChat } from './scripted-chat';

describe('the scripted chat (main job)', () => {
  it('plays a whole chat against the emulator and loses nothing across a dropped socket', async () => {
    const lines: string[] = [];
    const summary = await runScriptedChat({ print: (line) => lines.push(line) });

    expect(summary.lost).toEqual([]);
    expect(summary.duplicated).toEqual([]);
    expect(summary.reconnects).toBe(1);
    // The agent sent two messages while the customer was offline; both came back through the transcript.
    expect(summary.filledFromTranscript).toBeGreaterThanOrEqual(2);
    expect(summary.attachmentBytesIntact).toBe(true);
    expect(summary.readReceiptSeenByAgent).toBe(true);
    expect(summary.typingSeenByAgent).toBe(true);
    expect(summary.ended).toEqual({ customer: true, agent: true });
    expect(lines.some((line) => line.includes('customer connected → reconnecting'))).toBe(true);
    expect(lines.join('\n')).not.toMatch(/token=/i);
  });
});
