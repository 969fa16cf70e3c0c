/**
 * The entry points whose bundle size `pnpm bench` measures: what a real app or page would ship. Each is bundled
 * from the workspace's TypeScript sources (the `@connect-chat/source` export condition), as an app's bundler would
 * bundle the published ESM, so the figures never depend on a stale `dist/`.
 */

/** An entry point: module source bundled as an app would, or a prebuilt file measured as shipped. */
export type SizeEntry =
  | {
      id: string;
      label: string;
      kind: 'bundle';
      /** What the app writes; bundled from `bench/src/size/`. */
      source: string;
      format: 'esm' | 'iife';
      /** ECMAScript target of the build. */
      target: string;
      /** Export conditions besides esbuild's own (`browser`, `import`, `default` on the browser platform). */
      conditions: readonly string[];
      /** The package directory the entry is resolved from (for packages that are not dependencies of bench). */
      resolveDir?: string;
    }
  | {
      id: string;
      label: string;
      kind: 'file';
      /** A file of an installed package, e.g. `amazon-connect-chatjs/dist/amazon-connect-chat.js`. */
      specifier: string;
    };

const sourceConditions = ['@connect-chat/source', 'module'] as const;

/** Core's session with the fetch participant adapter and the WebSocket adapter: the customer app of issue 8. */
export const customerAppSource = `
import { browserPlatform, createChatSession } from '@connect-chat/core';
import { createFetchParticipantApi, createWebSocketFactory } from '@connect-chat/transport';

export function startChat(chatDetails, region) {
  return createChatSession({
    chatDetails,
    participantApi: createFetchParticipantApi({ region }),
    sockets: createWebSocketFactory(),
    platform: browserPlatform(),
  });
}
`;

/** The same app on the AWS SDK adapter, for apps that already ship `@aws-sdk/client-connectparticipant`. */
export const customerAppAwsSdkSource = `
import { browserPlatform, createChatSession } from '@connect-chat/core';
import { createWebSocketFactory } from '@connect-chat/transport';
import { createAwsSdkParticipantApi } from '@connect-chat/transport/aws-sdk';

export function startChat(chatDetails, region) {
  return createChatSession({
    chatDetails,
    participantApi: createAwsSdkParticipantApi({ region }),
    sockets: createWebSocketFactory(),
    platform: browserPlatform(),
  });
}
`;

/** An app that imports compat's named exports instead of the global. */
export const compatModuleSource = `
import { ChatSession } from '@connect-chat/compat/module';

export function startChat(chatDetails) {
  return ChatSession.create({ chatDetails, type: ChatSession.SessionTypes.CUSTOMER });
}
`;

/** The compat script file: `src/index.ts` of compat, built as `packages/compat/tsup.config.ts` builds it. */
export const compatScriptSource = `import '@connect-chat/compat';`;

/** Every measured entry, ChatJS's own script file last (the baseline). */
export const sizeEntries: readonly SizeEntry[] = [
  {
    id: 'customerApp',
    label: 'customer app: core + fetch adapter + WebSocket',
    kind: 'bundle',
    source: customerAppSource,
    format: 'esm',
    target: 'es2022',
    conditions: sourceConditions,
  },
  {
    id: 'customerAppAwsSdk',
    label: 'customer app on the AWS SDK adapter',
    kind: 'bundle',
    source: customerAppAwsSdkSource,
    format: 'esm',
    target: 'es2022',
    conditions: sourceConditions,
  },
  {
    id: 'compatScript',
    label: 'compat script file (amazon-connect-chat.js)',
    kind: 'bundle',
    source: compatScriptSource,
    format: 'iife',
    // compat's tsup config: IIFE, es2020, conditions source/browser/module/import.
    target: 'es2020',
    conditions: ['@connect-chat/source', 'browser', 'module', 'import'],
  },
  {
    id: 'compatModule',
    label: 'compat ESM entry (@connect-chat/compat/module)',
    kind: 'bundle',
    source: compatModuleSource,
    format: 'esm',
    target: 'es2022',
    conditions: sourceConditions,
  },
  {
    id: 'chatjs',
    label: 'amazon-connect-chatjs 5.0.0 dist/amazon-connect-chat.js',
    kind: 'file',
    specifier: 'amazon-connect-chatjs/dist/amazon-connect-chat.js',
  },
];

/** The id of the baseline entry. */
export const baselineEntryId = 'chatjs';
