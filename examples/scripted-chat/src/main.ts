// `pnpm start`: plays the scripted chat against a fresh local emulator and exits 0 when nothing was lost.
import { runScriptedChat } from './scripted-chat';

const summary = await runScriptedChat({ print: (line) => console.log(line) });
const ok =
  summary.lost.length === 0 &&
  summary.duplicated.length === 0 &&
  summary.attachmentBytesIntact &&
  summary.readReceiptSeenByAgent &&
  summary.typingSeenByAgent &&
  summary.ended.customer &&
  summary.ended.agent;

console.log('');
console.log('summary');
console.log(
  `  messages     customer sent ${summary.sent.customer.length}, agent sent ${summary.sent.agent.length}`,
);
console.log(`  lost         ${summary.lost.length}    duplicated ${summary.duplicated.length}`);
console.log(
  `  reconnects   ${summary.reconnects} (gap filled from transcript: ${summary.filledFromTranscript})`,
);
console.log(`  attachment   bytes intact: ${summary.attachmentBytesIntact}`);
console.log(`  receipts     read receipt seen by agent: ${summary.readReceiptSeenByAgent}`);
console.log(`  typing       seen by agent: ${summary.typingSeenByAgent}`);
console.log(`  ended        customer: ${summary.ended.customer}, agent: ${summary.ended.agent}`);
console.log(`  duration     ${summary.durationMs} ms`);
console.log(ok ? 'scripted chat: OK' : 'scripted chat: FAILED');
process.exitCode = ok ? 0 : 1;
