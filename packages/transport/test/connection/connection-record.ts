// What a connection reported, as it happened, and a way to wait for a status without sleeping.
import type { Connection, ConnectionStatus, Item, StatusChange } from '@connect-chat/core';

/** Everything a connection reported. */
export interface Recorded {
  statuses: StatusChange[];
  established: number;
  lost: string[];
  items: Item[];
  deep: boolean[];
  tokenRefreshed: number;
}

/** Starts recording what `connection` reports. */
export function recordConnection(connection: Connection): Recorded {
  const record: Recorded = { statuses: [], established: 0, lost: [], items: [], deep: [], tokenRefreshed: 0 };
  connection.on('status', (change) => record.statuses.push(change));
  connection.on('established', () => (record.established += 1));
  connection.on('lost', ({ reason }) => record.lost.push(reason.code));
  connection.on('item', (item) => record.items.push(item));
  connection.on('deepHeartbeat', (outcome) => record.deep.push(outcome.ok));
  connection.on('tokenRefreshed', () => (record.tokenRefreshed += 1));
  return record;
}

/** Resolves once the connection's status is `status` (at once if it is). */
export function untilStatus(connection: Connection, status: ConnectionStatus): Promise<void> {
  return new Promise((resolve) => {
    if (connection.status === status) return resolve();
    const stop = connection.on('status', ({ current }) => {
      if (current !== status) return;
      stop();
      resolve();
    });
  });
}
