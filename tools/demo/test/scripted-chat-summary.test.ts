// The checks and the printed summary are pure functions of the figures: a chat that lost, duplicated or leaked
// something fails the named check, and the summary says so.
import type { ChatSessionDiagnostics } from '@connect-chat/core';
import { describe, expect, it } from 'vitest';
import {
  checksOf,
  formatDiagnostics,
  formatSummary,
  type ScriptedChatSummary,
} from '../src/scripted-chat-summary';

const diagnostics = (role: 'CUSTOMER' | 'AGENT'): ChatSessionDiagnostics => ({
  state: '"ended"',
  mode: 'ownSocket',
  status: 'ended',
  reason: 'chatEnded',
  reconnectAttempts: 0,
  reconnects: role === 'CUSTOMER' ? 1 : 0,
  lastHeartbeatAt: 1_000,
  connectedAt: undefined,
  connectedForMs: undefined,
  online: true,
  visible: true,
  versions: { core: '1.2.3' },
  role,
  transcriptSize: 3,
  pendingSends: 0,
  gapFills: role === 'CUSTOMER' ? 1 : 0,
  receipts: '"ended"',
});

function passingSummary(): ScriptedChatSummary {
  const side = (role: 'CUSTOMER' | 'AGENT') => ({
    sent: 3,
    typingSeen: 1,
    deliveredSeen: 1,
    readSeen: 1,
    transcriptIds: ['a', 'b', 'c', 'd', 'e', 'f'],
    duplicateIds: [],
    ended: true,
    diagnostics: diagnostics(role),
  });
  return {
    customer: side('CUSTOMER'),
    agent: side('AGENT'),
    serviceTranscriptIds: ['a', 'b', 'c', 'd', 'e', 'f'],
    attachment: {
      progress: [
        [0, 46],
        [46, 46],
      ],
      uploadIntact: true,
      downloadIntact: true,
    },
    recovery: {
      reconnects: 1,
      downMs: 500,
      recoveryMs: 20,
      gapFilledItems: 1,
      missedReplyRecovered: true,
      heldSends: 1,
      heldSendsDelivered: 1,
    },
    transitions: 60,
    leakedLines: 0,
    durationMs: 6_800,
  };
}

const failing = (summary: ScriptedChatSummary) =>
  checksOf(summary).flatMap((check) => (check.ok ? [] : [check.name]));

describe('the scripted chat checks', () => {
  it('SUM-01 a complete chat passes all ten checks and the summary ends with the count', () => {
    const summary = passingSummary();
    expect(failing(summary)).toEqual([]);
    const lines = formatSummary(summary);
    expect(lines[0]).toBe('summary');
    expect(lines).toContain('  transcripts  emulator 6, customer 6, agent 6: equal yes');
    expect(lines.at(-1)).toBe('10/10 checks passed');
  });

  it('SUM-02 each failure fails its own check, and the summary shows FAIL', () => {
    const lost = passingSummary();
    lost.customer.transcriptIds = ['a', 'b', 'c', 'd', 'e'];
    expect(failing(lost)).toEqual(["nothing lost: both transcripts equal the emulator's"]);
    expect(formatSummary(lost)).toContain("  FAIL  nothing lost: both transcripts equal the emulator's");
    expect(formatSummary(lost).at(-1)).toBe('9/10 checks passed');

    const twice = passingSummary();
    twice.agent.duplicateIds = ['c'];
    expect(failing(twice)).toEqual(['nothing delivered twice']);

    const leaked = passingSummary();
    leaked.leakedLines = 1;
    expect(failing(leaked)).toEqual(['no token or URL in anything printed']);

    const unrecovered = passingSummary();
    unrecovered.recovery.missedReplyRecovered = false;
    expect(failing(unrecovered)).toEqual(['dropped connection recovered (gap filled, held sends delivered)']);

    const halfUpload = passingSummary();
    halfUpload.attachment.progress = [[0, 46]];
    expect(failing(halfUpload)).toEqual(['attachments both ways, upload progress to 100%, bytes intact']);

    const noHeartbeat = passingSummary();
    noHeartbeat.agent.diagnostics = { ...diagnostics('AGENT'), lastHeartbeatAt: undefined };
    expect(failing(noHeartbeat)).toEqual(['diagnostics: states, reconnects, last heartbeat, versions']);

    const unread = passingSummary();
    unread.customer.readSeen = 0;
    expect(failing(unread)).toEqual(['delivered and read receipts both ways']);
  });

  it('SUM-03 diagnostics print as one line of JSON', () => {
    const line = formatDiagnostics('agent', diagnostics('AGENT'));
    expect(line.startsWith('diagnostics agent: {')).toBe(true);
    expect(JSON.parse(line.slice('diagnostics agent: '.length))).toMatchObject({
      role: 'AGENT',
      versions: { core: '1.2.3' },
    });
  });
});
