// Importing an ESM entry adds, removes and replaces nothing on the global object or on the built-in prototypes.
// Each entry's whole source graph is evaluated afresh (and its npm dependencies for the first time in this worker:
// nothing is imported statically here), between two snapshots of every global and every prototype member.
//
// core's PURE-01 (packages/core/src/platform/import-purity.test.ts) proves core *reads* no platform global at
// import; compat's NODE-01/02 prove its entries install no `connect` in Node. This file adds the other half for
// core and transport's entries: nothing is *written*. compat's entries are checked the same way in
// packages/compat/test/node/no-secrets.test.ts.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { changes, globalShape } from './global-shape';

interface Entry {
  name: string;
  load: () => Promise<Record<string, unknown>>;
  expectedExport: string;
  /** A peer dependency the entry imports, loaded (and its own global writes set aside) before the measure. */
  peer?: { name: string; load: () => Promise<unknown> };
}

// Transitive entries first (core before transport), so each import's npm dependencies load during its own check.
const entries: Entry[] = [
  {
    name: '@connect-chat/core',
    load: () => import('@connect-chat/core'),
    expectedExport: 'createChatSession',
  },
  {
    name: '@connect-chat/transport',
    load: () => import('../../src/index'),
    expectedExport: 'createWebSocketFactory',
  },
  {
    name: '@connect-chat/transport/aws-sdk',
    load: () => import('../../src/aws-sdk'),
    expectedExport: 'createAwsSdkParticipantApi',
    // The AWS SDK writes globals of its own when Node loads it (tslib's CommonJS build copies its helpers onto the
    // global object; @aws/lambda-invoke-store adds `awslambda`). That is the app's SDK, not this package: it is
    // loaded first, its writes are reported, and only what the adapter adds on top is held to zero.
    peer: {
      name: '@aws-sdk/client-connectparticipant',
      load: () => import('@aws-sdk/client-connectparticipant'),
    },
  },
  {
    name: '@connect-chat/transport/testing',
    load: () => import('../../src/testing/index'),
    expectedExport: 'startEmulator',
  },
];

describe('importing an entry touches no global', () => {
  beforeAll(() => {
    // Reading Node's lazy globals has effects of its own (reading `fetch` loads undici, which adds its dispatcher
    // symbol): read them all once before anything is measured.
    globalShape();
  });

  for (const { name, load, expectedExport, peer } of entries) {
    const title = peer
      ? `${name} adds nothing global beyond what ${peer.name} adds`
      : `${name} adds, removes and replaces nothing global`;
    it(title, async () => {
      vi.resetModules();
      if (peer) {
        const unloaded = globalShape();
        await peer.load();
        console.info(
          `${peer.name} itself, at import: ${changes(unloaded, globalShape()).join(', ') || 'nothing'}`,
        );
      }
      const before = globalShape();
      const entry = await load();
      const after = globalShape();
      expect(typeof entry[expectedExport]).toBe('function');
      expect(before.size).toBeGreaterThan(100);
      expect(changes(before, after)).toEqual([]);
    });
  }

  it('the comparison sees a global added at import time', () => {
    const before = globalShape();
    (globalThis as Record<string, unknown>).connectChatProbe = 1;
    try {
      expect(changes(before, globalShape())).toEqual(['added globalThis.connectChatProbe']);
    } finally {
      delete (globalThis as Record<string, unknown>).connectChatProbe;
    }
  });
});
