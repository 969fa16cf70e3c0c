/** What the scripted chat found, the checks it must pass, and how both are printed. Pure: no I/O. */
import type { ChatSessionDiagnostics } from '@connect-chat/core';

/** Counts of one side's observations. */
export interface SideFigures {
  /** Messages and attachments this side sent. */
  sent: number;
  /** Typing events seen from the other side. */
  typingSeen: number;
  /** Delivered receipts seen from the other side. */
  deliveredSeen: number;
  /** Read receipts seen from the other side. */
  readSeen: number;
  /** Ids of messages and attachments in this side's transcript, sorted. */
  transcriptIds: string[];
  /** Ids that reached this side's `message`/`attachment` listeners more than once. */
  duplicateIds: string[];
  /** Whether this side's session ended with the chat. */
  ended: boolean;
  /** The support snapshot taken at the end. */
  diagnostics: ChatSessionDiagnostics;
}

/** Everything the scripted chat measured. */
export interface ScriptedChatSummary {
  customer: SideFigures;
  agent: SideFigures;
  /** Ids of the messages and attachments the emulator stored, sorted. */
  serviceTranscriptIds: string[];
  attachment: {
    /** Every progress report of the customer's upload, as `[sentBytes, totalBytes]`. */
    progress: Array<[number, number]>;
    /** The agent downloaded the customer's file and got the same bytes. */
    uploadIntact: boolean;
    /** The customer downloaded the agent's file and got the same bytes. */
    downloadIntact: boolean;
  };
  recovery: {
    /** Reconnections the customer's connection went through. */
    reconnects: number;
    /** Clock time from the emulator dropping the socket to the customer being connected again. */
    downMs: number;
    /** Clock time from the network coming back to the customer being connected with the gap filled. */
    recoveryMs: number;
    /** Items the gap fill brought in (what was said while the customer was away). */
    gapFilledItems: number;
    /** The agent's reply sent during the outage reached the customer through the gap fill. */
    missedReplyRecovered: boolean;
    /** Sends the customer's outbox held while offline, and how many of them the agent then received. */
    heldSends: number;
    heldSendsDelivered: number;
  };
  /** How many transition-log lines were printed. */
  transitions: number;
  /** Printed lines that held a participant token, a connection token or a URL's query string (must be none). */
  leakedLines: number;
  /** Clock time of the whole script. */
  durationMs: number;
}

/** One named check and whether it held. */
export interface ScriptCheck {
  name: string;
  ok: boolean;
}

const sameIds = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((id, index) => id === b[index]);

function diagnosticsComplete(diagnostics: ChatSessionDiagnostics): boolean {
  return (
    typeof diagnostics.state === 'string' &&
    diagnostics.state.length > 0 &&
    typeof diagnostics.reconnects === 'number' &&
    typeof diagnostics.lastHeartbeatAt === 'number' &&
    typeof diagnostics.versions.core === 'string' &&
    diagnostics.versions.core.length > 0
  );
}

/** The checks the scripted chat must pass, in the order they are printed. */
export function checksOf(summary: ScriptedChatSummary): ScriptCheck[] {
  const { customer, agent, recovery, attachment } = summary;
  const lastProgress = attachment.progress.at(-1);
  return [
    { name: 'messages both ways', ok: customer.sent >= 3 && agent.sent >= 3 },
    { name: 'typing seen both ways', ok: customer.typingSeen > 0 && agent.typingSeen > 0 },
    {
      name: 'delivered and read receipts both ways',
      ok:
        customer.deliveredSeen > 0 && customer.readSeen > 0 && agent.deliveredSeen > 0 && agent.readSeen > 0,
    },
    {
      name: 'attachments both ways, upload progress to 100%, bytes intact',
      ok:
        attachment.progress.length > 0 &&
        lastProgress !== undefined &&
        lastProgress[0] === lastProgress[1] &&
        attachment.uploadIntact &&
        attachment.downloadIntact,
    },
    {
      name: 'dropped connection recovered (gap filled, held sends delivered)',
      ok:
        recovery.reconnects >= 1 &&
        recovery.missedReplyRecovered &&
        recovery.gapFilledItems >= 1 &&
        recovery.heldSends >= 1 &&
        recovery.heldSendsDelivered === recovery.heldSends,
    },
    {
      name: "nothing lost: both transcripts equal the emulator's",
      ok:
        summary.serviceTranscriptIds.length > 0 &&
        sameIds(customer.transcriptIds, summary.serviceTranscriptIds) &&
        sameIds(agent.transcriptIds, summary.serviceTranscriptIds),
    },
    {
      name: 'nothing delivered twice',
      ok: customer.duplicateIds.length === 0 && agent.duplicateIds.length === 0,
    },
    { name: 'chat ended on both sides', ok: customer.ended && agent.ended },
    {
      name: 'diagnostics: states, reconnects, last heartbeat, versions',
      ok: diagnosticsComplete(customer.diagnostics) && diagnosticsComplete(agent.diagnostics),
    },
    { name: 'no token or URL in anything printed', ok: summary.leakedLines === 0 },
  ];
}

const yesNo = (value: boolean): string => (value ? 'yes' : 'NO');

/** The summary as printed lines. */
export function formatSummary(summary: ScriptedChatSummary): string[] {
  const { customer, agent, recovery, attachment } = summary;
  const checks = checksOf(summary);
  const passed = checks.filter((check) => check.ok).length;
  const total = attachment.progress.at(-1)?.[1] ?? 0;
  const transcriptsEqual =
    sameIds(customer.transcriptIds, summary.serviceTranscriptIds) &&
    sameIds(agent.transcriptIds, summary.serviceTranscriptIds);
  return [
    'summary',
    `  messages     customer sent ${customer.sent}, agent sent ${agent.sent} (messages and attachments)`,
    `  transcripts  emulator ${summary.serviceTranscriptIds.length}, customer ${customer.transcriptIds.length}, agent ${agent.transcriptIds.length}: equal ${yesNo(transcriptsEqual)}`,
    `  duplicates   customer ${customer.duplicateIds.length}, agent ${agent.duplicateIds.length}`,
    `  typing       customer saw ${customer.typingSeen}, agent saw ${agent.typingSeen}`,
    `  receipts     customer saw ${customer.deliveredSeen} delivered / ${customer.readSeen} read; agent saw ${agent.deliveredSeen} delivered / ${agent.readSeen} read`,
    `  attachments  upload ${total} bytes in ${attachment.progress.length} progress reports, intact ${yesNo(attachment.uploadIntact)}; download intact ${yesNo(attachment.downloadIntact)}`,
    `  recovery     ${recovery.reconnects} reconnection(s); down ${recovery.downMs} ms; back ${recovery.recoveryMs} ms after the network returned; gap fill brought ${recovery.gapFilledItems} item(s); outbox held ${recovery.heldSends} send(s), ${recovery.heldSendsDelivered} delivered`,
    `  ended        customer ${yesNo(customer.ended)}, agent ${yesNo(agent.ended)}`,
    `  transitions  ${summary.transitions} lines; duration ${(summary.durationMs / 1000).toFixed(1)} s`,
    'checks',
    ...checks.map((check) => `  ${check.ok ? 'ok  ' : 'FAIL'}  ${check.name}`),
    `${passed}/${checks.length} checks passed`,
  ];
}

/** A diagnostics snapshot as one line of JSON, as a bug report would carry it. */
export function formatDiagnostics(label: string, diagnostics: ChatSessionDiagnostics): string {
  return `diagnostics ${label}: ${JSON.stringify(diagnostics)}`;
}
