import type { ActivityLogEntry } from '@connect-chat/transport/testing';
import { expect, test } from 'vitest';
import { wireCost } from './latency';

const http = (operation: string, participantId = 'p1'): ActivityLogEntry => ({
  kind: 'http',
  at: 0,
  requestId: 'r',
  method: 'POST',
  route: '/participant/connection',
  operation,
  status: 200,
  participantId,
});

test('wireCost counts one round trip per HTTP call, socket upgrade and aws/subscribe of the participant', () => {
  const entries: ActivityLogEntry[] = [
    http('CreateParticipantConnection'),
    http('SendMessage', 'someone else'),
    { kind: 'socket', at: 1, event: 'open', socketId: 's1', participantId: 'p1' },
    {
      kind: 'frame',
      at: 2,
      direction: 'in',
      socketId: 's1',
      participantId: 'p1',
      contactId: 'c',
      topic: 'aws/subscribe',
    },
    {
      kind: 'frame',
      at: 3,
      direction: 'in',
      socketId: 's1',
      participantId: 'p1',
      contactId: 'c',
      topic: 'aws/heartbeat',
    },
    {
      kind: 'frame',
      at: 4,
      direction: 'out',
      socketId: 's1',
      participantId: 'p1',
      contactId: 'c',
      topic: 'aws/subscribe',
    },
  ];
  expect(wireCost(entries, 'p1')).toEqual({
    requests: ['CreateParticipantConnection'],
    socketOpens: 1,
    subscribes: 1,
    roundTrips: 3,
  });
});
