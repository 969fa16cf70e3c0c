// The scripted chat end to end on a manual clock: the real emulator, a real customer session and the real demo
// agent bot, with the script stepping time. Its summary and checks are asserted, and so is what it printed.
import { describe, expect, it } from 'vitest';
import { runScriptedChat } from '../src/scripted-chat';
import { manualScriptClock } from './manual-script-clock';

describe('the scripted chat', () => {
  it('DEMO-01 plays a whole chat and every check holds: nothing lost, nothing twice, recovered from a drop', async () => {
    const lines: string[] = [];
    const clock = manualScriptClock();
    const { ok, checks, summary } = await runScriptedChat({ print: (line) => lines.push(line), clock });

    expect(checks.filter((check) => !check.ok)).toEqual([]);
    expect(ok).toBe(true);
    expect(checks).toHaveLength(10);
    // Both transcripts are the emulator's, item for item.
    expect(summary.serviceTranscriptIds.length).toBeGreaterThanOrEqual(12);
    expect(summary.customer.transcriptIds).toEqual(summary.serviceTranscriptIds);
    expect(summary.agent.transcriptIds).toEqual(summary.serviceTranscriptIds);
    expect(summary.customer.sent + summary.agent.sent).toBe(summary.serviceTranscriptIds.length);
    expect(summary.recovery).toMatchObject({
      reconnects: 1,
      missedReplyRecovered: true,
      heldSends: 1,
      heldSendsDelivered: 1,
    });
    expect(summary.recovery.gapFilledItems).toBeGreaterThanOrEqual(1);
    expect(summary.attachment.progress.at(-1)).toEqual([46, 46]);
    // The script's pace, in clock time, is the agent's: well under the 15 s budget.
    expect(summary.durationMs).toBeGreaterThan(0);
    expect(summary.durationMs).toBeLessThan(15_000);

    // It narrated: transitions of both sessions' machines, the drop, and the summary at the end.
    expect(summary.transitions).toBeGreaterThan(30);
    expect(
      lines.filter((line) => / customer (connection|receipts|heartbeat|attachmentUpload): /.test(line))
        .length,
    ).toBeGreaterThan(10);
    expect(
      lines.filter((line) => / agent +(connection|receipts|heartbeat|attachmentUpload): /.test(line)).length,
    ).toBeGreaterThan(10);
    expect(lines).toContainEqual(
      expect.stringMatching(
        /customer connection: active\.connected\.\{.*\} -> active\.reconnecting\.waiting on socket\.closed/,
      ),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(
        /customer connection: active\.reconnecting\.paused -> active\.connecting\.fetching on network\.online/,
      ),
    );
    expect(lines).toContainEqual(expect.stringMatching(/\[from the transcript\]$/));
    expect(lines.at(-1)).toBe('10/10 checks passed');
  });

  it('DEMO-02 prints both diagnostics snapshots: states, reconnect count, last heartbeat, versions, and no token', async () => {
    const lines: string[] = [];
    const { summary } = await runScriptedChat({
      print: (line) => lines.push(line),
      clock: manualScriptClock(),
    });
    const printed = lines.filter((line) => line.startsWith('diagnostics '));
    expect(printed.map((line) => line.split(':')[0])).toEqual(['diagnostics customer', 'diagnostics agent']);
    const customer = JSON.parse(printed[0]!.slice('diagnostics customer: '.length));
    const agent = JSON.parse(printed[1]!.slice('diagnostics agent: '.length));
    expect(customer).toEqual(JSON.parse(JSON.stringify(summary.customer.diagnostics)));
    for (const snapshot of [customer, agent]) {
      expect(snapshot).toMatchObject({
        state: '"ended"',
        status: 'ended',
        reason: 'chatEnded',
        versions: { core: expect.any(String) },
        receipts: '"ended"',
        pendingSends: 0,
      });
      expect(snapshot.lastHeartbeatAt).toBeGreaterThanOrEqual(Date.parse('2030-01-01T00:00:00.000Z'));
    }
    expect(customer).toMatchObject({ role: 'CUSTOMER', reconnects: 1, gapFills: 1 });
    expect(agent).toMatchObject({ role: 'AGENT', reconnects: 0 });
    // Nothing that looks like a token or a credential field is in them, and the script's own scan found no secret.
    expect(printed.join('\n')).not.toMatch(/token|secret|X-Amz|https?:\/\//i);
    expect(summary.leakedLines).toBe(0);
  });
});
